// A test helper, not part of the product: writes to a JSON store in a loop, printing the number of each write
// once its transaction has returned (acknowledged), until it is killed. `JSONCrashTests` kills it at random
// moments and then checks that every acknowledged write is in the store.
import Foundation
import JSONStorage
import Logging
import PortalKernel

let folder = URL(fileURLWithPath: CommandLine.arguments[1], isDirectory: true)
// A small compaction threshold, so kills also land while a snapshot is being written.
let store = try JSONStorage(folder: folder, compactAfter: 5, logger: Logger(label: "crash-writer"))
let account: Account.ID = "crash"
let now = Date()
if try await store.accounts.find(account) == nil {
    try await store.accounts.insert(
        Account(id: account, name: "Crash test", portalKey: "crash", branding: Branding(displayName: "Crash"), createdAt: now))
}
var next = try await store.customers.all(in: account).count
while true {
    let index = next
    // Two records in one transaction: after any kill, both or neither.
    try await store.transaction { tx in
        let customer = Customer(id: Customer.ID(rawValue: "c-\(index)"), accountID: account, displayName: "Customer \(index)", emails: ["c\(index)@example.com"])
        try await tx.customers.insert(customer)
        try await tx.jobs.insert(
            Job(id: Job.ID(rawValue: "j-\(index)"), accountID: account, customerID: customer.id, title: "Job \(index)", createdStage: .lead, createdAt: now))
    }
    FileHandle.standardOutput.write(Data("\(index)\n".utf8))
    next += 1
}
