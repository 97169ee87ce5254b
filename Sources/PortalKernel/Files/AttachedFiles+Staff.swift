import Foundation

/// What staff do with files (SPEC F17): attach one to a job, visit, proposal, invoice or lead; share it with the
/// client or stop; remove it. Each is recorded on the record's timeline.
extension AttachedFiles {
    /// The records staff attach files to.
    public static let owners: Set<RecordReference.Kind> = [.job, .visit, .proposal, .invoice, .lead]

    /// Attaches `bytes` as `name` to `owner` of `account`, shared with the owner's customer when `shared`. A photo
    /// (JPEG or PNG) is cleaned as a client's is (metadata gone, upright, a thumbnail); a PDF is kept as it is.
    /// - Throws: `UseCaseError.notFound` for an owner not in the account (or of a kind files are not attached to);
    ///   `.invalid` for a file that is neither a photo nor a PDF, is larger than the file store keeps, or asks to be
    ///   shared where there is no customer.
    public func attach(
        _ bytes: Data, name: String, to owner: RecordReference, shared: Bool, in account: Account, by actor: StaffActor?,
        email: String?
    ) async throws -> AttachedFile {
        guard Self.owners.contains(owner.kind), let customer = try await customer(of: owner, in: account.id) else {
            throw UseCaseError.notFound("No such \(owner.kind.rawValue).")
        }
        if shared && customer == nil {
            throw UseCaseError.invalid("This record has no customer yet, so the file cannot be shared. Attach it unshared.")
        }
        let kept = try await keep(bytes)
        let file = AttachedFile(
            accountID: account.id, owner: owner, customerID: customer,
            name: AttachedFileName.clean(name, fileExtension: kept.fileExtension), mediaType: kept.mediaType, byteCount: kept.bytes,
            content: kept.content, thumbnail: kept.thumbnail, sharedWithClient: shared, source: .staff, addedBy: email ?? "API",
            addedAt: services.clock.now)
        try await services.storage.transaction { store in
            try await store.records(AttachedFile.self).insert(file)
            try await store.recordChange(
                .fileAttached, about: owner, in: account.id, by: actor, detail: file.name + (shared ? ", shared with the client" : ""),
                at: file.addedAt)
        }
        return file
    }

    /// Shares file `id` with its record's customer now (a lead's job given a customer after the file was attached
    /// counts), or stops sharing it.
    /// - Throws: `UseCaseError.notFound` for a file not in the account or removed; `.invalid` to share one whose
    ///   record has no customer.
    public func share(_ id: AttachedFile.ID, _ shared: Bool, in account: Account, by actor: StaffActor?) async throws -> AttachedFile {
        var current: Customer.ID?
        if shared, let file = try await services.storage.records(AttachedFile.self).find(id, in: account.id) {
            current = try await customer(of: file.owner, in: account.id) ?? nil
        }
        return try await change(id, in: account, by: actor) { [current] file in
            if shared {
                guard let current else { throw UseCaseError.invalid("This record has no customer yet, so the file cannot be shared.") }
                file.customerID = current
            }
            file.sharedWithClient = shared
            return shared ? .fileShared : .fileUnshared
        }
    }

    /// Removes file `id`: nobody is shown or served it again. Removing it again (a second tab, a double press) changes
    /// nothing.
    /// - Throws: `UseCaseError.notFound` for a file not in the account.
    public func remove(_ id: AttachedFile.ID, in account: Account, by actor: StaffActor?) async throws -> AttachedFile {
        if let removed = try await services.storage.records(AttachedFile.self).find(id, in: account.id), removed.removedAt != nil {
            return removed
        }
        let now = services.clock.now
        return try await change(id, in: account, by: actor) { file in
            file.removedAt = now
            return .fileRemoved
        }
    }

    /// A file of the account, not removed, for staff; `nil` otherwise.
    public func file(_ id: AttachedFile.ID, in account: Account.ID) async throws -> AttachedFile? {
        try await services.storage.records(AttachedFile.self).find(id, in: account).flatMap { $0.removedAt == nil ? $0 : nil }
    }

    private func change(
        _ id: AttachedFile.ID, in account: Account, by actor: StaffActor?,
        _ apply: @escaping @Sendable (inout AttachedFile) throws -> AuditEvent.Action
    ) async throws -> AttachedFile {
        let now = services.clock.now
        return try await services.storage.transaction { store in
            guard var file = try await store.records(AttachedFile.self).find(id, in: account.id), file.removedAt == nil else {
                throw UseCaseError.notFound("No such file.")
            }
            let action = try apply(&file)
            try await store.records(AttachedFile.self).update(file)
            try await store.recordChange(action, about: file.owner, in: account.id, by: actor, detail: file.name, at: now)
            return file
        }
    }

    /// The customer of `owner`: `.some(nil)` for a record without one (a lead's job before it has a customer),
    /// `nil` for no such record in the account.
    func customer(of owner: RecordReference, in account: Account.ID) async throws -> Customer.ID?? {
        let storage = services.storage
        switch owner.kind {
        case .job: return try await storage.jobs.find(Job.ID(rawValue: owner.id), in: account).map(\.customerID)
        case .visit: return try await storage.records(Visit.self).find(Visit.ID(rawValue: owner.id), in: account).map { .some($0.customerID) }
        case .proposal: return try await storage.proposals.find(Proposal.ID(rawValue: owner.id), in: account).map { .some($0.customerID) }
        case .invoice: return try await storage.invoices.find(Invoice.ID(rawValue: owner.id), in: account).map { .some($0.customerID) }
        case .lead:
            guard let lead = try await storage.leads.find(Lead.ID(rawValue: owner.id), in: account) else { return nil }
            return .some(try await storage.jobs.find(lead.jobID, in: account)?.customerID)
        default: return nil
        }
    }

    /// A staff file's bytes, kept: what it is, and where.
    private struct Kept {
        let mediaType: String
        let fileExtension: String
        let bytes: Int
        let content: FileAddress
        let thumbnail: FileAddress?
    }

    /// Cleans a photo or checks a PDF, then puts it in the file store.
    private func keep(_ bytes: Data) async throws -> Kept {
        do {
            if bytes.starts(with: Array("%PDF-".utf8)) {
                return Kept(mediaType: "application/pdf", fileExtension: "pdf", bytes: bytes.count, content: try await services.files.put(bytes), thumbnail: nil)
            }
            let photo: CleanedImage
            do {
                photo = try await services.images.clean(bytes)
            } catch let refusal as ImageRefusal {
                throw UseCaseError.invalid(
                    refusal == .notAnImage ? "Attach a photo (JPEG or PNG) or a PDF." : "The photo \(refusal).")
            }
            return Kept(
                mediaType: photo.type.mediaType, fileExtension: photo.type.fileExtension, bytes: photo.bytes.count,
                content: try await services.files.put(photo.bytes), thumbnail: try await services.files.put(photo.thumbnail))
        } catch FileStoreError.tooLarge(_, let limit) {
            throw UseCaseError.invalid("The file is larger than the \(limit / 1_048_576) MB this portal keeps.")
        }
    }
}
