import Foundation
import Logging
import PortalKernel
import Testing

@testable import JSONStorage

@Suite("JSON storage files")
struct JSONStorageFileTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func open(_ folder: URL, compactAfter: Int = 1_000) throws -> JSONStorage {
        try JSONStorage(folder: folder, compactAfter: compactAfter, logger: Logger(label: "test"))
    }

    func account(_ id: Account.ID) -> Account {
        Account(id: id, name: "Company \(id)", portalKey: "key-\(id)", branding: Branding(displayName: "C"), createdAt: now)
    }

    func text(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The error opening `folder` gives, as text.
    func openingError(_ folder: URL) -> String? {
        do {
            _ = try open(folder)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("A second opener of the same folder is refused with a clear message until the first closes")
    func lock() async throws {
        let folder = try makeFolder()
        let first = try open(folder)
        let message = try #require(openingError(folder))
        #expect(message.contains("in use by another portal process") && message.contains(".lock"))
        try await first.close()
        let second = try open(folder)
        try await second.close()
    }

    @Test("Each transaction is one journal line at once; the snapshot is readable JSON; compaction empties the journal")
    func journalAndCompaction() async throws {
        let folder = try makeFolder()
        let store = try open(folder, compactAfter: 3)
        try await store.accounts.insert(account("a1"))
        try await store.accounts.insert(account("a2"))
        var lines = try text(folder, "journal.jsonl").split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains(#""sequence":1"#) && lines[0].contains(#""portalKey":"key-a1""#))
        try await store.accounts.insert(account("a3"))  // the third: a snapshot is due
        lines = try text(folder, "journal.jsonl").split(separator: "\n")
        #expect(lines.isEmpty)
        let snapshot = try text(folder, "portal.json")
        #expect(snapshot.contains(#""sequence" : 3"#))
        #expect(snapshot.contains(#""portalKey" : "key-a3""#))
        try await store.close()
        let reopened = try open(folder)
        #expect(try await reopened.accounts.all().count == 3)
        try await reopened.close()
    }

    @Test("A store that stopped without closing comes back from snapshot and journal")
    func recoversWithoutClose() async throws {
        let folder = try makeFolder()
        let store = try open(folder, compactAfter: 2)
        for index in 1...5 { try await store.accounts.insert(account(Account.ID(rawValue: "a\(index)"))) }
        // What a crash leaves: the files as they are now (snapshot at 4, one journal line), without the lock.
        let copy = try makeFolder()
        for name in ["portal.json", "journal.jsonl"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        let recovered = try open(copy)
        #expect(try await recovered.accounts.all().map(\.id.rawValue) == ["a1", "a2", "a3", "a4", "a5"])
        try await recovered.close()
        try await store.close()
    }

    @Test("A torn last journal line (a write cut short) is cut off; the writes before it stay")
    func tornTail() async throws {
        let folder = try makeFolder()
        let store = try open(folder)
        try await store.accounts.insert(account("a1"))
        try await store.accounts.insert(account("a2"))
        let copy = try makeFolder()
        var journal = try Data(contentsOf: folder.appendingPathComponent("journal.jsonl"))
        journal.append(Data(#"{"sequence":3,"put":{"accounts":[{"id":"a3","na"#.utf8))
        try journal.write(to: copy.appendingPathComponent("journal.jsonl"))
        let recovered = try open(copy)
        #expect(try await recovered.accounts.all().map(\.id.rawValue) == ["a1", "a2"])
        // The next write continues cleanly after the cut.
        try await recovered.accounts.insert(account("a3"))
        try await recovered.close()
        let again = try open(copy)
        #expect(try await again.accounts.all().count == 3)
        try await again.close()
        try await store.close()
    }

    @Test("#19: a journal of release 1, whose deletions name tables as loginToken, still applies; new lines name them as SQL does")
    func releaseOneDeletions() async throws {
        let folder = try makeFolder()
        let store = try open(folder)
        try await store.accounts.insert(account("a1"))
        let token = LoginToken(id: "t1", accountID: "a1", tokenHash: "h1", email: "c@example.com", createdAt: now, expiresAt: now)
        try await store.loginTokens.insert(token)
        let copy = try makeFolder()
        var journal = try Data(contentsOf: folder.appendingPathComponent("journal.jsonl"))
        journal.append(Data(#"{"delete":{"loginToken":["t1"]},"put":{"formatVersion":1},"sequence":3}"#.utf8 + [0x0A]))
        try journal.write(to: copy.appendingPathComponent("journal.jsonl"))
        let reopened = try open(copy)
        #expect(try await reopened.exportDump().loginTokens.isEmpty)
        try await reopened.accounts.insert(account("a2"))
        try await reopened.loginTokens.insert(LoginToken(id: "t2", accountID: "a2", tokenHash: "h2", email: "c@example.com", createdAt: now, expiresAt: now))
        #expect(try await reopened.loginTokens.deleteExpired(before: now.addingTimeInterval(1)) == 1)
        #expect(try text(copy, "journal.jsonl").contains(#""delete":{"login_token":["t2"]}"#))
        try await reopened.close()
        try await store.close()
    }

    @Test("A damaged journal line before the end stops start-up with the file and line")
    func corruptJournalLine() throws {
        let folder = try makeFolder()
        let good = #"{"delete":{},"put":{"formatVersion":1},"sequence":1}"#
        try Data("\(good)\nnot json at all\n\(good.replacingOccurrences(of: ":1}", with: ":3}"))\n".utf8)
            .write(to: folder.appendingPathComponent("journal.jsonl"))
        let message = try #require(openingError(folder))
        #expect(message.contains("journal.jsonl line 2:"))
    }

    @Test("A missing transaction in the journal stops start-up rather than skipping it")
    func sequenceGap() throws {
        let folder = try makeFolder()
        let line = { (sequence: Int) in #"{"delete":{},"put":{"formatVersion":1},"sequence":\#(sequence)}"# }
        try Data("\(line(1))\n\(line(3))\n".utf8).write(to: folder.appendingPathComponent("journal.jsonl"))
        let message = try #require(openingError(folder))
        #expect(message.contains("journal.jsonl line 2: transaction 3 follows 1"))
    }

    @Test("A snapshot that is not JSON, or was hand-edited wrongly, stops start-up saying where and what")
    func corruptSnapshot() async throws {
        let folder = try makeFolder()
        try Data("{ this is not json".utf8).write(to: folder.appendingPathComponent("portal.json"))
        #expect(try #require(openingError(folder)).contains("portal.json"))

        // A valid store, then a person edits one date badly.
        let edited = try makeFolder()
        let store = try open(edited)
        let customer = Customer(id: "c", accountID: "a1", displayName: "Cece", emails: ["cece@example.com"])
        try await store.accounts.insert(account("a1"))
        try await store.customers.insert(customer)
        try await store.invoices.insert(
            Invoice(id: "i", accountID: "a1", customerID: "c", number: "INV-1", invoiceDate: CalendarDate(iso: "2026-01-31")!, lineItems: [], createdAt: now))
        try await store.close()
        let snapshot = try text(edited, "portal.json")
        try Data(snapshot.replacingOccurrences(of: "2026-01-31", with: "2026-02-31").utf8).write(to: edited.appendingPathComponent("portal.json"))
        let message = try #require(openingError(edited))
        #expect(message.contains("portal.json") && message.contains("invoices[0].invoiceDate") && message.contains("2026-02-31"))

        // Mended by hand, it opens again.
        try Data(snapshot.replacingOccurrences(of: "2026-01-31", with: "2026-01-30").utf8).write(to: edited.appendingPathComponent("portal.json"))
        let fine = try open(edited)
        try await fine.close()
    }

    @Test("Two accounts edited to share a portal key stop start-up naming the rule and the records")
    func brokenRule() async throws {
        let folder = try makeFolder()
        let store = try open(folder)
        try await store.accounts.insert(account("a1"))
        try await store.accounts.insert(account("a2"))
        try await store.close()
        let snapshot = try text(folder, "portal.json")
        try Data(snapshot.replacingOccurrences(of: "key-a2", with: "key-a1").utf8).write(to: folder.appendingPathComponent("portal.json"))
        let message = try #require(openingError(folder))
        #expect(message.contains("account.portal_key") && message.contains("a1") && message.contains("a2"))
    }

    @Test("Bulk import checks every rule: a reference to a missing record is refused and nothing is kept")
    func importChecksRules() async throws {
        let folder = try makeFolder()
        let store = try open(folder)
        let orphan = StorageDump(
            accounts: [account("a1")],
            jobs: [Job(id: "j", accountID: "a1", customerID: "ghost", title: "t", createdStage: .lead, createdAt: now)])
        await #expect(throws: StorageError.missingReference("job j refers to customer ghost, which does not exist in its account")) { try await store.importDump(orphan) }
        #expect(try await store.accounts.all().isEmpty)
        // A job pointing at another account's customer breaks the same rule.
        let crossed = StorageDump(
            accounts: [account("a1"), account("a2")],
            customers: [Customer(id: "c2", accountID: "a2", displayName: "Theirs", emails: [])],
            jobs: [Job(id: "j", accountID: "a1", customerID: "c2", title: "t", createdStage: .lead, createdAt: now)])
        await #expect(throws: StorageError.missingReference("job j refers to customer c2, which does not exist in its account")) {
            try await store.importDump(crossed)
        }
        #expect(try await store.accounts.all().isEmpty)
        try await store.close()
    }

    @Test("#21: a snapshot of a newer format is refused, naming the release that wrote it, with what to do; release 1's is written again in this format at start")
    func snapshotFormats() async throws {
        let folder = try makeFolder()
        let store = try open(folder, compactAfter: 1)
        try await store.accounts.insert(account("a1"))  // compacts: a snapshot in this release's format
        try await store.close()
        #expect(try text(folder, "portal.json").contains(#""formatVersion" : 2"#))

        // Release 1 wrote no format: opened here, the store is readable and its snapshot is rewritten at once.
        let releaseOne = try text(folder, "portal.json").replacingOccurrences(of: #""formatVersion" : 2,"#, with: "")
        try Data(releaseOne.utf8).write(to: folder.appendingPathComponent("portal.json"))
        let upgraded = try open(folder)
        try await upgraded.migrate()
        #expect(try await upgraded.accounts.all().count == 1)
        try await upgraded.close()
        #expect(try text(folder, "portal.json").contains(#""formatVersion" : 2"#))

        // A newer release's snapshot: refused, and the files are left as they were.
        #expect(try text(folder, "portal.json").contains(#""release" : "\#(PortalRelease.current)""#), "names the release that wrote it")
        let newer = try text(folder, "portal.json").replacingOccurrences(of: #""formatVersion" : 2"#, with: #""formatVersion" : 3"#)
            .replacingOccurrences(of: #""release" : "\#(PortalRelease.current)""#, with: #""release" : "2.1.0""#)
        try Data(newer.utf8).write(to: folder.appendingPathComponent("portal.json"))
        let message = try #require(openingError(folder))
        #expect(message.contains("written by Client Portal 2.1.0") && message.contains("format 3") && message.contains("reads up to 2"))
        #expect(try text(folder, "portal.json") == newer)
    }
}
