import PortalKernel

/// Every repository over one ``SQLiteAccess``.
struct SQLiteRepositories: Repositories {
    let access: SQLiteAccess

    var accounts: any AccountRepository { SQLiteAccountRepository(access: access) }
    var staffUsers: any StaffUserRepository { SQLiteStaffUserRepository(access: access) }
    var customers: any CustomerRepository { SQLiteCustomerRepository(access: access) }
    var jobs: any JobRepository { SQLiteJobRepository(access: access) }
    var proposals: any ProposalRepository { SQLiteProposalRepository(access: access) }
    var invoices: any InvoiceRepository { SQLiteInvoiceRepository(access: access) }
    var payments: any PaymentRepository { SQLitePaymentRepository(access: access) }
    var leads: any LeadRepository { SQLiteLeadRepository(access: access) }
    var loginTokens: any LoginTokenRepository { SQLiteLoginTokenRepository(access: access) }
    var sessions: any SessionRepository { SQLiteSessionRepository(access: access) }
    var outbox: any OutboxRepository { SQLiteOutboxRepository(access: access) }
    var auditEvents: any AuditRepository { SQLiteAuditRepository(access: access) }
    var proposalLinks: any ProposalLinkRepository { SQLiteProposalLinkRepository(access: access) }
    var apiTokens: any APITokenRepository { SQLiteAPITokenRepository(access: access) }
    var counters: any CounterRepository { SQLiteCounterRepository(access: access) }
}
