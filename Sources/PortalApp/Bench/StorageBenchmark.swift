import Foundation
import PortalKernel

/// Times the operations the portal leans on, for one backend at one size.
struct StorageBenchmark {
    /// One operation's figures.
    struct Figure: Sendable {
        var operation: String
        var operationsPerSecond: Double
        var p99: Duration
    }

    /// One backend at one size.
    struct Result: Sendable {
        var driver: String
        var invoices: Int
        var seeding: Duration
        var figures: [Figure]
    }

    let storage: any PortalStorage
    let invoices: Int
    /// How many times each operation runs.
    let repetitions: Int

    func run() async throws -> Result {
        let now = Date()
        let clock = ContinuousClock()
        let dump = BenchmarkData.dump(invoices: invoices, now: now)
        let seeding = try await clock.measure { try await storage.importDump(dump) }
        let customers = dump.customers.count
        let account = dump.accounts[0]
        var random = SystemRandomNumberGenerator()

        let home = try await measure("portal home") {
            let email = BenchmarkData.email(Int.random(in: 0..<customers, using: &random))
            guard let customer = try await storage.customers.find(email: email, in: account.id).first else {
                throw StorageError.notFound(email)
            }
            let proposals = try await storage.proposals.portalCandidates(for: customer.id, in: account.id)
            let jobs = try await storage.jobs.find(proposals.map(\.jobID), in: account.id)
            let invoices = try await storage.invoices.portalCandidates(for: customer.id, in: account.id)
            _ = PortalView(proposals: proposals, jobs: jobs, invoices: invoices, settings: account.settings, today: account.today(at: now))
        }
        var leadNumber = 0
        let lead = try await measure("lead insert") {
            leadNumber += 1
            let number = leadNumber
            try await storage.transaction { store in
                let job = Job(
                    id: Job.ID(rawValue: "lead-job-\(number)"), accountID: account.id, customerID: nil,
                    title: "Service request", createdStage: .lead, portalLead: true, createdAt: now)
                try await store.jobs.insert(job)
                try await store.leads.insert(
                    Lead(
                        accountID: account.id, jobID: job.id, portalLead: true, name: "Visitor \(number)",
                        email: "visitor\(number)@example.net", serviceAddress: "1 Elm St", servicesWanted: ["Mowing"],
                        description: "Weekly mowing, please", submittedAt: now))
            }
        }
        var paymentNumber = 0
        let payment = try await measure("invoice payment") {
            paymentNumber += 1
            let number = paymentNumber
            // Unpaid invoices are those whose index is not a multiple of 3; each payment is 1 cent.
            let index = (Int.random(in: 0..<max(1, invoices / 3), using: &random) * 3 + 1) % max(invoices, 2)
            try await storage.transaction { store in
                guard var invoice = try await store.invoices.find(BenchmarkData.invoiceID(index), in: account.id) else {
                    throw StorageError.notFound("invoice \(index)")
                }
                let amount = Money(cents: 1)
                try await store.payments.insert(
                    Payment(
                        accountID: account.id, invoiceID: invoice.id, amount: amount, method: .card, source: .portal,
                        gatewayReference: "bench-\(number)", idempotencyKey: "bench-\(number)", receivedAt: now))
                invoice.amountPaid = try invoice.amountPaid.adding(amount)
                try await store.invoices.update(invoice)
            }
        }
        return Result(driver: storage.driverName, invoices: invoices, seeding: seeding, figures: [home, lead, payment])
    }

    /// Runs `operation` ``repetitions`` times, one after another.
    private func measure(_ name: String, _ operation: () async throws -> Void) async throws -> Figure {
        let clock = ContinuousClock()
        var latencies: [Duration] = []
        latencies.reserveCapacity(repetitions)
        let total = try await clock.measure {
            for _ in 0..<repetitions {
                latencies.append(try await clock.measure { try await operation() })
            }
        }
        latencies.sort()
        let p99 = latencies[min(latencies.count - 1, Int((Double(latencies.count) * 0.99).rounded(.up)) - 1)]
        return Figure(operation: name, operationsPerSecond: Double(repetitions) / total.seconds, p99: p99)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
