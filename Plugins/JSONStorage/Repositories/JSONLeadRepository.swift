import PortalKernel

struct JSONLeadRepository: LeadRepository {
    let access: JSONAccess

    func insert(_ lead: Lead) async throws {
        try await access.write { state in
            try Self.check(lead, in: state)
            try state.insert(lead, id: lead.id.rawValue, into: \.leads, table: "lead")
        }
    }

    func update(_ lead: Lead) async throws {
        try await access.write { state in
            try Self.check(lead, in: state)
            try state.update(lead, id: lead.id.rawValue, in: lead.accountID, into: \.leads, table: "lead") { $0.accountID }
        }
    }

    func find(_ id: Lead.ID, in account: Account.ID) async throws -> Lead? {
        try access.read { $0.row(\.leads, id.rawValue, in: account) }
    }

    func all(in account: Account.ID) async throws -> [Lead] {
        try access.read { state in
            state.leads.values.filter { $0.accountID == account }.sorted { ($1.submittedAt, $0.id) < ($0.submittedAt, $1.id) }
        }
    }

    private static func check(_ lead: Lead, in state: JSONState) throws {
        try state.requireAccount(lead.accountID)
        try state.requireReference(lead.jobID.rawValue, in: \.jobs, name: "job", account: lead.accountID)
        try state.requireReference(lead.assigneeID?.rawValue, in: \.staffUsers, name: "staffUser", account: lead.accountID)
    }
}
