import Hummingbird
import PortalKernel

/// `/admin/files/{id}` and `/admin/files/{id}/thumbnail` (SPEC F17): a file of the staff user's account, whoever
/// attached it; another account's, a removed or a missing one is the same 404.
struct FilesController: RouteController {
    typealias Context = StaffRequestContext

    /// Finds the file and reads its bytes, for staff of its account only.
    let attachedFiles: AttachedFiles

    func register(on admin: RouteCollection<Context>) {
        admin.get("files/:id") { request, context in try await serve(context, .original) }
        admin.get("files/:id/thumbnail") { request, context in try await serve(context, .thumbnail) }
    }

    private func serve(_ context: Context, _ variant: AttachedFiles.Variant) async throws -> Response {
        guard let staff = context.identity, let id = context.parameters.get("id"),
            let download = try await attachedFiles.download(AttachedFile.ID(rawValue: id), variant, for: .staff(staff.account.id))
        else { throw HTTPError(.notFound) }
        return FileResponse.make(download)
    }
}
