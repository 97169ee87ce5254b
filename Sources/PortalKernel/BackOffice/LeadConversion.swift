import Foundation

/// Working a lead in the back office (SPEC F7): find the customer it belongs to, or create one from what the
/// client typed, and fill in the job.
public struct LeadConversion: Sendable {
    /// A customer who may be the person behind a lead, and why.
    public struct Match: Hashable, Sendable {
        /// The customer who may be behind the lead.
        public var customer: Customer
        /// Why they match, shown beside them: `same email`, `same phone` or `same address`.
        public var reason: String
    }

    /// "Add New Customer", as typed (prefilled from the lead).
    public struct NewCustomer: Hashable, Sendable {
        public enum Field: String, Hashable, Sendable, CaseIterable { case name, email, line1 }

        /// The customer's display name, trimmed; required.
        public var name: String
        /// The customer's one email, normalised (trimmed, lower-cased); required, and must be valid.
        public var email: String
        /// The customer's phone as typed, trimmed; empty for none.
        public var phone: String
        /// The street line of the address, trimmed; required. The address becomes the billing and the service address.
        public var line1: String
        /// The address's city, trimmed; may be empty.
        public var city: String
        /// The address's state or region (`TX`), trimmed; may be empty.
        public var region: String
        /// The address's postal code, trimmed; may be empty.
        public var postalCode: String

        /// The form's values, each trimmed and the email normalised; `problems()` checks them.
        public init(name: String, email: String, phone: String, line1: String, city: String, region: String, postalCode: String) {
            (self.name, self.email, self.phone) = (name.trimmed, EmailAddress.normalized(email), phone.trimmed)
            (self.line1, self.city, self.region, self.postalCode) = (line1.trimmed, city.trimmed, region.trimmed, postalCode.trimmed)
        }

        /// Prefilled from what the client typed; a "street, city, ST 12345" address is split into its parts.
        public init(from lead: Lead) {
            let parts = lead.serviceAddress.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let regionAndPostal = parts.count >= 3 ? parts[2].split(separator: " ").map(String.init) : []
            self.init(
                name: lead.name, email: lead.email, phone: lead.phone ?? "", line1: parts.first ?? lead.serviceAddress,
                city: parts.count >= 2 ? parts[1] : "", region: regionAndPostal.first ?? "",
                postalCode: regionAndPostal.dropFirst().joined(separator: " "))
        }

        public func problems() -> [Field: String] {
            var problems: [Field: String] = [:]
            if name.isEmpty { problems[.name] = "Enter the customer's name." }
            if let problem = SingleLineText.problem(name, naming: "The customer's name") { problems[.name] = problem }
            if !EmailAddress.isValid(email) { problems[.email] = "Enter an email address such as name@example.com." }
            if line1.isEmpty { problems[.line1] = "Enter the street address." }
            return problems
        }
    }

    /// "Job details", as typed.
    public struct JobDetails: Hashable, Sendable {
        public enum Field: String, Hashable, Sendable, CaseIterable { case title, workDate }

        /// The job's title, trimmed; held to ``Job/titleProblem(_:)``.
        public var title: String
        /// `2026-12-05` or empty.
        public var workDate: String
        /// The stage the job is saved in.
        public var stage: Job.Stage

        /// The form's values, the title and work date trimmed; `problems()` checks them.
        public init(title: String, workDate: String, stage: Job.Stage) {
            self.title = title.trimmed
            self.workDate = workDate.trimmed
            self.stage = stage
        }

        public func problems() -> [Field: String] {
            var problems: [Field: String] = [:]
            if let problem = Job.titleProblem(title) { problems[.title] = problem }
            if !workDate.isEmpty && CalendarDate(iso: workDate) == nil { problems[.workDate] = "Enter a date such as 2026-12-05." }
            return problems
        }
    }

    let services: PortalServices

    /// Reads and writes leads, jobs and customers through `services` (storage, clock).
    public init(services: PortalServices) {
        self.services = services
    }

    /// The account's lead with `id`; `nil` for an unknown id or another account's.
    public func lead(_ id: Lead.ID, in account: Account.ID) async throws -> Lead? {
        try await services.storage.leads.find(id, in: account)
    }

    /// Customers whose email, phone or service address matches what the lead typed, so a returning client is not
    /// created twice.
    public func suggestions(for lead: Lead, in account: Account.ID) async throws -> [Match] {
        var matches: [Customer.ID: Match] = [:]
        for customer in try await services.storage.customers.find(email: lead.email, in: account) {
            matches[customer.id] = Match(customer: customer, reason: "same email")
        }
        let phone = Self.digits(lead.phone ?? "")
        let street = Self.street(lead.serviceAddress)
        for customer in try await services.storage.customers.all(in: account) where matches[customer.id] == nil {
            if phone.count >= 7, Self.digits(customer.phone ?? "") == phone {
                matches[customer.id] = Match(customer: customer, reason: "same phone")
            } else if !street.isEmpty,
                (customer.serviceAddresses + [customer.billingAddress].compactMap { $0 }).contains(where: { Self.street($0.line1) == street })
            {
                matches[customer.id] = Match(customer: customer, reason: "same address")
            }
        }
        return matches.values.sorted { ($0.customer.displayName, $0.customer.id) < ($1.customer.displayName, $1.customer.id) }
    }

    /// Customers whose name, email or phone contains `query` (case-insensitive), by name; at most 20.
    public func search(_ query: String, in account: Account.ID) async throws -> [Customer] {
        let query = query.trimmed.lowercased()
        guard query.count >= 2 else { return [] }
        return Array(
            try await services.storage.customers.all(in: account)
                .filter { customer in
                    customer.displayName.lowercased().contains(query) || customer.emails.contains { $0.contains(query) }
                        || (customer.phone.map { Self.digits($0).contains(Self.digits(query)) && !Self.digits(query).isEmpty } ?? false)
                }
                .sorted { ($0.displayName, $0.id) < ($1.displayName, $1.id) }
                .prefix(20))
    }

    /// Attaches the lead's job to an existing customer; `false` when either is not in the account.
    public func attach(_ lead: Lead, to customerID: Customer.ID, in account: Account.ID, by actor: StaffActor?) async throws -> Bool {
        try await services.storage.transaction { store in
            guard try await store.customers.find(customerID, in: account) != nil,
                var job = try await store.jobs.find(lead.jobID, in: account)
            else { return false }
            job.customerID = customerID
            try await store.jobs.update(job)
            try await store.recordChange(.leadConverted, about: .lead(lead.id), in: account, by: actor, detail: "customer \(customerID)", at: services.clock.now)
            return true
        }
    }

    /// Creates a customer from `form` and attaches the lead's job to it, in one transaction.
    /// - Throws: `UseCaseError.invalid(fields:)` keyed by ``NewCustomer/Field`` when the form cannot be saved.
    public func createCustomer(
        _ form: NewCustomer, for lead: Lead, in account: Account.ID, by actor: StaffActor?
    ) async throws -> Customer {
        let problems = form.problems()
        guard problems.isEmpty else { throw UseCaseError.invalid(fields: problems) }
        let address = Address(line1: form.line1, city: form.city, region: form.region, postalCode: form.postalCode)
        let customer = Customer(
            accountID: account, displayName: form.name, emails: [form.email], phone: form.phone.isEmpty ? nil : form.phone,
            billingAddress: address, serviceAddresses: [address])
        try await services.storage.transaction { store in
            try await store.customers.insert(customer)
            guard var job = try await store.jobs.find(lead.jobID, in: account) else {
                throw StorageError.notFound("job \(lead.jobID)")
            }
            job.customerID = customer.id
            if job.serviceAddress == nil { job.serviceAddress = address }
            try await store.jobs.update(job)
            let now = services.clock.now
            try await store.recordChange(.customerCreated, about: .customer(customer.id), in: account, by: actor, at: now)
            try await store.recordChange(.leadConverted, about: .lead(lead.id), in: account, by: actor, detail: "customer \(customer.id)", at: now)
        }
        return customer
    }

    /// Saves the job's title, work date and stage.
    /// - Throws: `UseCaseError.invalid(fields:)` keyed by ``JobDetails/Field`` when the details cannot be saved.
    public func update(_ details: JobDetails, for lead: Lead, in account: Account.ID, by actor: StaffActor?) async throws {
        let problems = details.problems()
        guard problems.isEmpty else { throw UseCaseError.invalid(fields: problems) }
        try await services.storage.transaction { store in
            guard var job = try await store.jobs.find(lead.jobID, in: account) else { throw StorageError.notFound("job \(lead.jobID)") }
            job.title = details.title
            job.workDate = CalendarDate(iso: details.workDate)
            job.stage = details.stage
            try await store.jobs.update(job)
            try await store.recordChange(.jobChanged, about: .lead(lead.id), in: account, by: actor, at: services.clock.now)
        }
    }

    /// Who a lead's job is for, in ``apply(customer:job:to:in:)``: a customer of the account, or a new one (checked
    /// with ``CustomerManagement/newCustomer(displayName:emails:phone:billingAddress:serviceAddresses:in:)``, saved there).
    public enum LeadCustomer: Hashable, Sendable {
        case existing(Customer.ID)
        case new(Customer)
    }

    /// Attaches the lead's job to `customer` (creating a new one) and applies `change` to the job, in one
    /// transaction (F7, #20): if any step is refused or fails, nothing is saved. Returns the job as saved.
    ///
    /// - Throws: `UseCaseError.notFound` for a customer not in the account, `.invalid` for a title the rule refuses.
    public func apply(
        customer: LeadCustomer?, job change: Job.Change?, to lead: Lead, in account: Account.ID, by actor: StaffActor?
    ) async throws -> Job {
        if let title = change?.title, let problem = Job.titleProblem(title) { throw UseCaseError.invalid(problem, field: "title") }
        return try await services.storage.transaction { store in
            guard var job = try await store.jobs.find(lead.jobID, in: account) else { throw StorageError.notFound("job \(lead.jobID)") }
            let now = services.clock.now
            switch customer {
            case .existing(let id):
                guard try await store.customers.find(id, in: account) != nil else { throw UseCaseError.notFound("No such customer.") }
                job.customerID = id
            case .new(let new):
                try await store.customers.insert(new)
                try await store.recordChange(.customerCreated, about: .customer(new.id), in: account, by: actor, at: now)
                job.customerID = new.id
                if job.serviceAddress == nil { job.serviceAddress = new.serviceAddresses.first ?? new.billingAddress }
            case nil:
                break
            }
            if let id = job.customerID, customer != nil {
                try await store.recordChange(.leadConverted, about: .lead(lead.id), in: account, by: actor, detail: "customer \(id)", at: now)
            }
            if let change {
                job = try job.applying(change)
                try await store.recordChange(.jobChanged, about: .lead(lead.id), in: account, by: actor, at: now)
            }
            try await store.jobs.update(job)
            return job
        }
    }

    static func digits(_ text: String) -> String { text.filter(\.isNumber) }

    /// `12 oak st` from `12 Oak Street, Springfield`: the street part, lower-cased, common suffixes shortened.
    static func street(_ address: String) -> String {
        let first = address.split(separator: ",").first.map(String.init) ?? address
        return first.lowercased().split(separator: " ").map { word in
            switch word {
            case "street": "st"
            case "road": "rd"
            case "avenue": "ave"
            case "drive": "dr"
            case "lane": "ln"
            default: String(word.filter { $0 != "." })
            }
        }.joined(separator: " ")
    }
}
