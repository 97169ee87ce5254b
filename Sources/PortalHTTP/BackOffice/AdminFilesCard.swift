import Foundation
import PortalKernel

/// The "Files" card of a back-office record page (SPEC F17): the files attached to the record (and, on a lead's page,
/// to its job), each with Share or Stop sharing and Remove, and a form to attach one more.
struct AdminFilesCard {
    struct Row {
        let name: String
        let url: String
        let thumbnailURL: String?
        let detail: String
        let shared: Bool
        let shareURL: String
        let removeURL: String
    }

    /// What the record's page says after a change of one of its files (`?done=`).
    static let notices = [
        "fileAttached": "The file is attached.", "fileShared": "The file's sharing is changed.", "fileRemoved": "The file is removed.",
    ]

    /// Where the form posts, and the record it attaches to (`invoice:inv-1`).
    let attachURL = "/admin/files"
    let owner: String
    /// The page to come back to.
    let back: String
    /// Whether the record has a customer to share with.
    let canShare: Bool
    let files: [Row]
    let hasFiles: Bool

    /// The card of `owner` (whose page is `back`), listing the files of `listed` (the owner's, and more).
    static func make(
        owner: RecordReference, listing listed: [RecordReference]? = nil, back: String, hasCustomer: Bool, staff: StaffSessions.Staff,
        attachedFiles: AttachedFiles
    ) async throws -> AdminFilesCard {
        let format = Formatting(account: staff.account)
        let files = try await attachedFiles.files(of: listed ?? [owner], for: .staff(staff.account.id))
        let rows = files.map { file in
            Row(
                name: file.name, url: "/admin/files/\(file.id)", thumbnailURL: file.thumbnail.map { _ in "/admin/files/\(file.id)/thumbnail" },
                detail: "\(file.source == .client ? "from the client" : "added by \(file.addedBy)"), \(format.instant(file.addedAt))",
                shared: file.sharedWithClient, shareURL: "/admin/files/\(file.id)/share", removeURL: "/admin/files/\(file.id)/remove")
        }
        return AdminFilesCard(owner: owner.storageKey, back: back, canShare: hasCustomer, files: rows, hasFiles: !rows.isEmpty)
    }
}
