import Foundation

/// Files attached to leads, jobs, visits, proposals and invoices (SPEC F17): which a page lists, and the bytes of one
/// for whoever may have them. Staff of the account see every file of its records; a client sees a file only when
/// staff shared it and its record is in the client's portal now (SPEC P1–P4, I1–I3, V1: a draft proposal's or a
/// voided invoice's file is not, nor a lead's). Any other file, of another customer or account, removed or missing,
/// is the same `nil` (the same 404).
public struct AttachedFiles: Sendable {
    /// Who is asking for a file.
    public enum Reader: Sendable {
        /// A signed-in staff user of the account.
        case staff(Account.ID)
        /// A logged-in client, acting for this customer of the account.
        case client(Account, Customer.ID)
    }

    /// Which bytes of a file.
    public enum Variant: Sendable {
        /// The file as kept (a photo cleaned, SPEC F17).
        case original
        /// A photo's thumbnail; a file without one has none.
        case thumbnail
    }

    /// A file's record and bytes, to serve.
    public struct Download: Sendable {
        /// The record: its name and type for the response's headers.
        public let file: AttachedFile
        /// The bytes of the variant asked for.
        public let bytes: Data
        /// The variant served.
        public let variant: Variant
    }

    let services: PortalServices

    /// The largest file the file store keeps, in bytes (`files.maxFileMegabytes`).
    public var maxFileBytes: Int { services.files.maxFileBytes }

    /// Reads records from `services.storage`, bytes from `services.files`.
    public init(services: PortalServices) {
        self.services = services
    }

    /// The files of `owners` that `reader` may see, oldest first: staff every file not removed, a client those
    /// shared whose record is their customer's now (a document moved to another customer takes its files along).
    /// The caller lists the owners of a page the client may see (a proposal and its job, say). One query per owner,
    /// and one more for an owner with shared files when a client asks.
    public func files(of owners: [RecordReference], for reader: Reader) async throws -> [AttachedFile] {
        var found: [AttachedFile] = []
        for owner in owners {
            let files = try await services.storage.records(AttachedFile.self).all(
                in: reader.account, where: [.equal("owner", .text(owner.storageKey))], orderedBy: [.ascending("added_at")]
            ).filter { $0.removedAt == nil }
            switch reader {
            case .staff: found += files
            case .client(let account, let customer):
                let shared = files.filter(\.sharedWithClient)
                if !shared.isEmpty, try await self.customer(of: owner, in: account.id) == .some(customer) { found += shared }
            }
        }
        return found.sorted { ($0.addedAt, $0.id) < ($1.addedAt, $1.id) }
    }

    /// The bytes of the file `id` in `variant`, when `reader` may have them; `nil` for a file that is missing,
    /// removed, another account's or customer's, not shared, of a record not in the client's portal now, or has no
    /// such variant.
    /// - Throws: ``FileStoreError`` when the file store cannot give bytes it should hold.
    public func download(_ id: AttachedFile.ID, _ variant: Variant, for reader: Reader) async throws -> Download? {
        guard let file = try await services.storage.records(AttachedFile.self).find(id, in: reader.account), try await maySee(file, reader)
        else { return nil }
        let address: FileAddress? =
            switch variant {
            case .original: file.content
            case .thumbnail: file.thumbnail
            }
        guard let address else { return nil }
        guard let bytes = try await services.files.get(address) else {
            throw FileStoreError.corrupt("the bytes of file \(file.id) (\(address)) are not in the \(services.files.driverName) file store")
        }
        return Download(file: file, bytes: bytes, variant: variant)
    }
}

extension AttachedFiles {
    /// Whether `reader` may see `file` (of the reader's account already): staff any not removed; a client one shared,
    /// whose record is in their portal now.
    func maySee(_ file: AttachedFile, _ reader: Reader) async throws -> Bool {
        guard file.removedAt == nil else { return false }
        switch reader {
        case .staff: return true
        case .client(let account, let customer):
            guard file.sharedWithClient else { return false }
            return try await shown(file.owner, to: customer, account: account)
        }
    }

    /// Whether the customer's portal shows `owner` now: a proposal, invoice or visit by its own rules (SPEC P1–P4,
    /// I1–I3, V1); a job when it shows one of its proposals, invoices or visits; a lead never (staff work it).
    func shown(_ owner: RecordReference, to customer: Customer.ID, account: Account) async throws -> Bool {
        let portal = CustomerPortal(services: services)
        switch owner.kind {
        case .proposal: return try await portal.proposal(Proposal.ID(rawValue: owner.id), of: customer, account: account) != nil
        case .invoice: return try await portal.invoice(Invoice.ID(rawValue: owner.id), of: customer, account: account) != nil
        case .visit: return try await portal.visit(Visit.ID(rawValue: owner.id), of: customer, account: account) != nil
        case .job:
            let job = Job.ID(rawValue: owner.id)
            let view = try await portal.view(of: customer, account: account)
            return view.proposals.contains { $0.jobID == job } || view.invoices.contains { $0.jobID == job }
                || (view.upcomingVisits + view.recentVisits).contains { $0.jobID == job }
        default: return false
        }
    }
}

extension AttachedFiles.Reader {
    /// The account the reader acts in.
    var account: Account.ID {
        switch self {
        case .staff(let account): account
        case .client(let account, _): account.id
        }
    }
}
