import Foundation
import PortalKernel

/// A store whose transactions fail at a job update, after the writes before it: to prove a use case saves nothing
/// half-way (#20). Everything else goes to `inner`.
final class FailingStorage: PortalStorage, StandaloneRepositories {
    struct Failure: Error, Equatable {}

    let inner: any PortalStorage

    init(_ inner: any PortalStorage) {
        self.inner = inner
    }

    var driverName: String { inner.driverName }
    func migrate() async throws { try await inner.migrate() }
    func read<Result: Sendable>(_ body: @Sendable (any Repositories) async throws -> Result) async throws -> Result { try await inner.read(body) }
    func transaction<Result: Sendable>(_ body: @Sendable (any Repositories) async throws -> Result) async throws -> Result {
        try await inner.transaction { try await body(FailingRepositories(inner: $0)) }
    }
    func exportDump() async throws -> StorageDump { try await inner.exportDump() }
    func importDump(_ dump: StorageDump) async throws { try await inner.importDump(dump) }
    func ping() async throws { try await inner.ping() }
    func close() async throws { try await inner.close() }

    /// Calls on their own go to `inner` unchanged.
    var standalone: any Repositories { inner }
}

/// A transaction's repositories, but its job updates fail.
private struct FailingRepositories: Repositories {
    let inner: any Repositories

    var accounts: any AccountRepository { inner.accounts }
    var staffUsers: any StaffUserRepository { inner.staffUsers }
    var customers: any CustomerRepository { inner.customers }
    var jobs: any JobRepository { FailingJobs(inner: inner.jobs) }
    var proposals: any ProposalRepository { inner.proposals }
    var invoices: any InvoiceRepository { inner.invoices }
    var payments: any PaymentRepository { inner.payments }
    var leads: any LeadRepository { inner.leads }
    var loginTokens: any LoginTokenRepository { inner.loginTokens }
    var sessions: any SessionRepository { inner.sessions }
    var outbox: any OutboxRepository { inner.outbox }
    var auditEvents: any AuditRepository { inner.auditEvents }
    var proposalLinks: any ProposalLinkRepository { inner.proposalLinks }
    var apiTokens: any APITokenRepository { inner.apiTokens }
    var counters: any CounterRepository { inner.counters }
    var recordStore: any RecordStore { inner.recordStore }
}

private struct FailingJobs: JobRepository {
    let inner: any JobRepository

    func insert(_ job: Job) async throws { try await inner.insert(job) }
    func update(_ job: Job) async throws { throw FailingStorage.Failure() }
    func find(_ id: Job.ID, in account: Account.ID) async throws -> Job? { try await inner.find(id, in: account) }
    func find(_ ids: [Job.ID], in account: Account.ID) async throws -> [Job] { try await inner.find(ids, in: account) }
    func all(for customer: Customer.ID, in account: Account.ID) async throws -> [Job] { try await inner.all(for: customer, in: account) }
}
