import PortalKernel

/// Every repository over one ``SQLAccess``.
struct SQLRepositories: Repositories {
    let access: SQLAccess

    var accounts: any AccountRepository { SQLAccountRepository(access: access) }
    var staffUsers: any StaffUserRepository { SQLStaffUserRepository(access: access) }
    var customers: any CustomerRepository { SQLCustomerRepository(access: access) }
    var jobs: any JobRepository { SQLJobRepository(access: access) }
    var proposals: any ProposalRepository { SQLProposalRepository(access: access) }
    var invoices: any InvoiceRepository { SQLInvoiceRepository(access: access) }
    var payments: any PaymentRepository { SQLPaymentRepository(access: access) }
    var leads: any LeadRepository { SQLLeadRepository(access: access) }
    var loginTokens: any LoginTokenRepository { SQLLoginTokenRepository(access: access) }
    var sessions: any SessionRepository { SQLSessionRepository(access: access) }
    var outbox: any OutboxRepository { SQLOutboxRepository(access: access) }
    var auditEvents: any AuditRepository { SQLAuditRepository(access: access) }
    var proposalLinks: any ProposalLinkRepository { SQLProposalLinkRepository(access: access) }
    var apiTokens: any APITokenRepository { SQLAPITokenRepository(access: access) }
    var counters: any CounterRepository { SQLCounterRepository(access: access) }
    var recordStore: any RecordStore { access }
}
