import Foundation

/// A file attached to a record (SPEC F17): a client's photo on the lead their service request made, or a file staff
/// attach to a job, visit, proposal or invoice. Its bytes are in the ``FileStore`` at ``content``.
public struct AttachedFile: Hashable, Codable, Sendable {
    public typealias ID = Identifier<AttachedFile>

    /// Who attached it.
    public enum Source: String, Hashable, Codable, Sendable {
        /// A client or visitor, on the request-service or lead form.
        case client
        /// Staff, in the back office.
        case staff
    }

    /// The attachment's id, a random UUID string.
    public var id: ID
    /// The company.
    public var accountID: Account.ID
    /// The record it is attached to: a lead, job, visit, proposal or invoice.
    public var owner: RecordReference
    /// The record's customer when it was attached, `nil` for a lead with none. Which client may see a shared file is
    /// decided by the record's customer at the time they ask (``AttachedFiles``).
    public var customerID: Customer.ID?
    /// The file's name as shown and downloaded (``AttachmentName``: no path, no control characters).
    public var name: String
    /// `image/jpeg`, `image/png` or `application/pdf`.
    public var mediaType: String
    /// The size of the bytes at ``content``.
    public var byteCount: Int
    /// Where its bytes are.
    public var content: FileAddress
    /// A small copy of a photo, `nil` for a PDF.
    public var thumbnail: FileAddress?
    /// Whether the customer sees it in the portal, on its record's page (staff decide; a client's photo is not).
    public var sharedWithClient: Bool
    /// Who attached it.
    public var source: Source
    /// The staff user's email, or the email the form named.
    public var addedBy: String
    /// When, by the portal's clock.
    public var addedAt: Date
    /// When staff removed it; a removed attachment is shown and served to nobody.
    public var removedAt: Date?

    /// Memberwise.
    public init(
        id: ID = .random(), accountID: Account.ID, owner: RecordReference, customerID: Customer.ID?, name: String,
        mediaType: String, byteCount: Int, content: FileAddress, thumbnail: FileAddress?, sharedWithClient: Bool,
        source: Source, addedBy: String, addedAt: Date, removedAt: Date? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.owner = owner
        self.customerID = customerID
        self.name = name
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.content = content
        self.thumbnail = thumbnail
        self.sharedWithClient = sharedWithClient
        self.source = source
        self.addedBy = addedBy
        self.addedAt = addedAt
        self.removedAt = removedAt
    }

    /// Whether it is an image (it has a thumbnail and is shown inline).
    public var isImage: Bool { mediaType.hasPrefix("image/") }
}
