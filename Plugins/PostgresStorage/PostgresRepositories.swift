import PortalKernel

/// Every repository over one ``PostgresAccess``.
struct PostgresRepositories: Repositories {
    let access: PostgresAccess

    var accounts: any AccountRepository { PostgresAccountRepository(access: access) }
    var staffUsers: any StaffUserRepository { PostgresStaffUserRepository(access: access) }
    var customers: any CustomerRepository { PostgresCustomerRepository(access: access) }
    var jobs: any JobRepository { PostgresJobRepository(access: access) }
    var proposals: any ProposalRepository { PostgresProposalRepository(access: access) }
    var invoices: any InvoiceRepository { PostgresInvoiceRepository(access: access) }
    var payments: any PaymentRepository { PostgresPaymentRepository(access: access) }
    var leads: any LeadRepository { PostgresLeadRepository(access: access) }
    var loginTokens: any LoginTokenRepository { PostgresLoginTokenRepository(access: access) }
    var sessions: any SessionRepository { PostgresSessionRepository(access: access) }
    var outbox: any OutboxRepository { PostgresOutboxRepository(access: access) }
    var auditEvents: any AuditRepository { PostgresAuditRepository(access: access) }
    var proposalLinks: any ProposalLinkRepository { PostgresProposalLinkRepository(access: access) }
    var apiTokens: any APITokenRepository { PostgresAPITokenRepository(access: access) }
    var counters: any CounterRepository { PostgresCounterRepository(access: access) }
}
