import Hummingbird
import PortalKernel

/// Files in the back office (SPEC F17): `GET /admin/files/{id}` and its thumbnail, a file of the staff user's account
/// whoever attached it (another account's, a removed or a missing one is the same 404); `POST /admin/files` attaches
/// one to a record (multipart); `…/share` and `…/remove` change one. Each change comes back to the record's page.
struct FilesController: RouteController {
    typealias Context = StaffRequestContext

    /// Draws the message page of a refused file and reads forms with their CSRF check.
    let front: BrowserFront
    /// Finds, attaches, shares and removes files, for staff of their account only.
    let attachedFiles: AttachedFiles

    struct AttachForm: PortalForm {
        var csrf: String?
        /// The record, as `kind:id` (`invoice:inv-1`).
        var owner: String?
        /// "yes" to share with the record's customer.
        var shared: String?
        /// The page the form was on (a back-office path).
        var back: String?
    }

    struct ChangeForm: PortalForm {
        var csrf: String?
        var shared: String?
        var back: String?
    }

    func register(on admin: RouteCollection<Context>) {
        admin.get("files/:id") { request, context in try await serve(context, .original) }
        admin.get("files/:id/thumbnail") { request, context in try await serve(context, .thumbnail) }
        admin.post("files", use: attach)
        admin.post("files/:id/share") { request, context in
            try await change(request, context, done: "fileShared") { form, staff, id in
                _ = try await attachedFiles.share(id, form.shared == "yes", in: staff.account, by: .staff(staff.user.id))
            }
        }
        admin.post("files/:id/remove") { request, context in
            try await change(request, context, done: "fileRemoved") { _, staff, id in
                _ = try await attachedFiles.remove(id, in: staff.account, by: .staff(staff.user.id))
            }
        }
    }

    /// `POST /admin/files`: one file (`file`) attached to `owner`, back to `back` with a notice, or a page saying why not.
    @Sendable func attach(_ request: Request, context: Context) async throws -> Response {
        let visit = AdminVisit(request, context: context, front: front)
        let staff = try visit.requireStaff()
        let (form, files) = try await visit.formWithFiles(
            AttachForm.self, context: context, fileLimit: attachedFiles.maxFileBytes, maxFiles: 1)
        let back = Self.backOfficePath(form.back)
        guard let owner = Self.owner(form.owner) else {
            return visit.message(
                "No file attached", "The form does not say which record the file is for. Attach it from the record's page.",
                link: .init(url: back, label: "Back"), status: .unprocessableContent)
        }
        guard let file = files.first(where: { $0.field == "file" }) else {
            return visit.message(
                "No file attached", "Choose a photo or a PDF to attach.", link: .init(url: back, label: "Back"), status: .unprocessableContent)
        }
        do {
            _ = try await attachedFiles.attach(
                file.bytes, name: file.fileName, to: owner, shared: form.shared == "yes", in: staff.account, by: .staff(staff.user.id),
                email: staff.user.email)
        } catch let refusal as UseCaseError where refusal.kind == .invalid {
            return visit.message("The file was not attached", refusal.message, link: .init(url: back, label: "Back"), status: .unprocessableContent)
        }
        return visit.redirect(to: Self.withNotice(back, "fileAttached"))
    }

    private func change(
        _ request: Request, _ context: Context, done: String,
        _ apply: (ChangeForm, StaffSessions.Staff, AttachedFile.ID) async throws -> Void
    ) async throws -> Response {
        let visit = AdminVisit(request, context: context, front: front)
        let staff = try visit.requireStaff()
        let form = try await visit.form(ChangeForm.self, context: context)
        guard let id = context.parameters.get("id") else { throw HTTPError(.notFound) }
        let back = Self.backOfficePath(form.back)
        do {
            try await apply(form, staff, AttachedFile.ID(rawValue: id))
        } catch let refusal as UseCaseError where refusal.kind == .invalid {
            return visit.message("The file was not changed", refusal.message, link: .init(url: back, label: "Back"), status: .unprocessableContent)
        }
        return visit.redirect(to: Self.withNotice(back, done))
    }

    /// `invoice:inv-1` as a record reference of a kind files are attached to.
    static func owner(_ text: String?) -> RecordReference? {
        guard let text, let colon = text.firstIndex(of: ":"), let kind = RecordReference.Kind(rawValue: String(text[..<colon])),
            AttachedFiles.owners.contains(kind), text.index(after: colon) < text.endIndex
        else { return nil }
        return RecordReference(kind: kind, id: String(text[text.index(after: colon)...]))
    }

    /// `back` when it is a path of the back office (never another site, nor a query of its own), else the leads list.
    static func backOfficePath(_ back: String?) -> String {
        guard let back, back.hasPrefix("/admin/"), !back.contains("//"), !back.contains("\\"), !back.contains("?"),
            back.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else { return "/admin/leads" }
        return back
    }

    /// `back` with `?done=` for the page's fixed notice.
    static func withNotice(_ back: String, _ done: String) -> String { "\(back)?done=\(done)" }

    private func serve(_ context: Context, _ variant: AttachedFiles.Variant) async throws -> Response {
        guard let staff = context.identity, let id = context.parameters.get("id"),
            let download = try await attachedFiles.download(AttachedFile.ID(rawValue: id), variant, for: .staff(staff.account.id))
        else { throw HTTPError(.notFound) }
        return FileResponse.make(download)
    }
}
