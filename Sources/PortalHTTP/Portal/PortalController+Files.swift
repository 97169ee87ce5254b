import Hummingbird
import PortalKernel

/// Files staff shared with the client (SPEC F17): listed on the page of the record they are attached to (and of
/// that record's job), served at `/portal/{key}/files/{id}` and its thumbnail to the client of that record's customer
/// only; any other file is the portal's 404.
extension PortalController {
    /// One shared file as a portal page lists it.
    struct SharedFile {
        let name: String
        let url: String
        let thumbnailURL: String?
    }

    func registerFiles(on routes: some RouterMethods<Context>) {
        routes.get("files/:id") { request, context in try await serveFile(request, context, .original) }
        routes.get("files/:id/thumbnail") { request, context in try await serveFile(request, context, .thumbnail) }
    }

    /// The files of `owners` shared with the logged-in client, oldest first.
    func sharedFiles(of owners: [RecordReference], visit: PortalVisit, client: ClientSessions.Client) async throws -> [SharedFile] {
        try await attachedFiles.files(of: owners, for: .client(visit.account, client.customer.id)).map { file in
            SharedFile(
                name: file.name, url: visit.path("/files/\(file.id)"), thumbnailURL: file.thumbnail.map { _ in visit.path("/files/\(file.id)/thumbnail") })
        }
    }

    private func serveFile(_ request: Request, _ context: Context, _ variant: AttachedFiles.Variant) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        let client = try visit.requireClient()
        let id = AttachedFile.ID(rawValue: try context.parameters.require("id"))
        guard let download = try await attachedFiles.download(id, variant, for: .client(visit.account, client.customer.id)) else {
            return visit.notFound()
        }
        return FileResponse.make(download)
    }
}
