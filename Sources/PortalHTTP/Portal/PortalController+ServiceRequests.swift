import Hummingbird
import PortalKernel

/// The request-service form, also opened directly by `?leadform=true` (SPEC F5, F6), with up to 5 photos (F17).
extension PortalController {
    struct ServiceRequestForm: PortalForm {
        var csrf: String?
        var name: String?
        var email: String?
        var phone: String?
        var serviceAddress: String?
        var services: [String]?
        var description: String?
        var preferredDate: String?
        /// A field people never see (hidden by the stylesheet and from screen readers): a bot that fills every field
        /// fills it, and its submission is thanked and dropped (SPEC M5).
        var website: String?

        var request: ServiceRequest {
            ServiceRequest(
                name: name ?? "", email: email ?? "", phone: phone ?? "", serviceAddress: serviceAddress ?? "",
                servicesWanted: services ?? [], description: description ?? "", preferredDate: preferredDate ?? "")
        }
    }

    struct ServiceRequestPage {
        struct Service {
            let name: String
            let checked: Bool
        }
        let chrome: PageChrome
        let formURL: String
        let form: ServiceRequestForm
        let services: [Service]
        /// Each field's problem, or why the whole form was refused (too many submissions, SPEC M5).
        let errors: FormErrors
        let backURL: String?
        /// The photos the refused form carried: a browser never fills a file field again, so the page asks for them.
        let photosToAttachAgain: Bool
    }

    func registerServiceRequests(on routes: some RouterMethods<Context>) {
        routes.get("request-service") { request, context in
            let visit = try PortalVisit(request, context: context, front: front)
            if request.uri.queryParameters.get("done") == "sent", visit.client == nil { return thanksPage(visit) }
            return try await serviceRequestPage(visit)
        }
        routes.post("request-service", use: submitServiceRequest)
    }

    /// The form, prefilled for a logged-in client.
    func serviceRequestPage(_ visit: PortalVisit) async throws -> Response {
        serviceRequestPage(visit, form: prefilled(for: visit), errors: FormErrors())
    }

    /// An empty form, with a logged-in client's name, email, phone and first service address.
    private func prefilled(for visit: PortalVisit) -> ServiceRequestForm {
        var form = ServiceRequestForm()
        if let client = visit.client {
            form.name = client.customer.displayName
            form.email = client.email
            form.phone = client.customer.phone
            form.serviceAddress = client.customer.serviceAddresses.first?.description
        }
        return form
    }

    /// The form again, 429, saying that too many were sent and when to try again (SPEC M5). Refused `unread`, before
    /// the form was read, it may be a request sent a moment before, sent again: the page says so.
    private func tooManyRequests(_ visit: PortalVisit, form: ServiceRequestForm, photos: Int, unread: Bool = false) -> Response {
        let minutes = Int(front.policy.rateLimitWindow / 60)
        let sent = unread
            ? "If you sent this request a moment ago, it was received; if not, please try again in \(minutes) minutes, or call us."
            : "Nothing was sent; please try again in \(minutes) minutes, or call us."
        var page = serviceRequestPage(
            visit, form: form, errors: FormErrors("Too many requests were sent from here or for this email address. \(sent)"),
            status: .tooManyRequests, photos: photos)
        page.headers[.retryAfter] = "\(Int(front.policy.rateLimitWindow))"
        return page
    }

    func serviceRequestPage(
        _ visit: PortalVisit, form: ServiceRequestForm, errors: FormErrors, status: HTTPResponse.Status = .ok, photos: Int = 0
    ) -> Response {
        let chosen = Set(form.services ?? [])
        let page = ServiceRequestPage(
            chrome: visit.chrome("Request service"), formURL: visit.path("/request-service"), form: form,
            services: ServiceRequest.serviceChoices.map { .init(name: $0, checked: chosen.contains($0)) },
            errors: errors, backURL: visit.client == nil ? nil : visit.path(), photosToAttachAgain: photos > 0)
        var response = visit.page("request-service", page, status: status)
        // The lead form may be framed by the account's allow-listed sites (and only them); every other page by none.
        response.headers[.contentSecurityPolicy] = SecurityHeadersMiddleware<Context>.framingPolicy(
            allowing: visit.account.settings.leadFormAllowedOrigins)
        return response
    }

    /// `POST /request-service` (urlencoded, or `multipart/form-data` with photos): a portal lead, or the form again with
    /// a message beside each field to fix. Photos are not kept across that: the form asks for them again.
    @Sendable func submitServiceRequest(_ request: Request, context: Context) async throws -> Response {
        let visit = try PortalVisit(request, context: context, front: front)
        // A sender over the limit is refused before photos are read (SPEC M5): reading megabytes costs CPU.
        if request.headers[.contentType]?.lowercased().hasPrefix("multipart/") == true, try await serviceRequests.isLimited(visit.origin) {
            return tooManyRequests(visit, form: prefilled(for: visit), photos: 0, unread: true)
        }
        let (form, files) = try await visit.formWithFiles(
            ServiceRequestForm.self, context: context, fileLimit: ServiceRequest.maxPhotoBytes, maxFiles: ServiceRequest.maxPhotos)
        if let trap = form.website, !trap.isEmpty { return thanks(visit) }
        var typed = form.request
        typed.photos = files.filter { $0.field == "photos" }.map(\.bytes)
        switch try await serviceRequests.submit(
            typed, account: visit.account, customer: visit.client?.customer, origin: visit.origin)
        {
        case .invalid(let problems):
            return serviceRequestPage(
                visit, form: form, errors: FormErrors(problems, heading: "Nothing was sent yet: please correct these fields"),
                status: .unprocessableContent, photos: typed.photos.count)
        case .rateLimited:
            return tooManyRequests(visit, form: form, photos: typed.photos.count)
        case .submitted, .alreadySent:
            return thanks(visit)
        case .stillSending:
            return stillSendingPage(visit)
        }
    }

    /// Where a sender goes once the request is sent (and a bot that filled the hidden field too): a logged-in
    /// client to the portal home, anyone else to the thank-you page, by a redirect, so reloading it sends nothing
    /// again.
    private func thanks(_ visit: PortalVisit) -> Response {
        visit.redirect(to: visit.path(visit.client == nil ? "/request-service?done=sent" : "?done=requested"))
    }

    /// The same request, sent a moment before, is still being saved (its photos are large, the server busy): 202, a
    /// page that says so and when to send it again (SPEC F5).
    private func stillSendingPage(_ visit: PortalVisit) -> Response {
        framedMessage(
            visit, title: "Request on its way", heading: "Your request is still being sent",
            paragraph: "The request you sent a moment ago is still being saved; sending it again is not needed. A confirmation will reach "
                + "your email. If none has arrived within \(ServiceRequests.resendAfterMinutes) minutes, please send the request again.",
            status: .accepted)
    }

    /// The thank-you page of the anonymous lead form.
    private func thanksPage(_ visit: PortalVisit) -> Response {
        framedMessage(
            visit, title: "Request received", heading: "Thank you, your request is on its way",
            paragraph: "\(visit.account.branding.displayName) has received it and will be in touch. A confirmation is on its way to your email.")
    }

    /// A message page after the lead form, framed as the form may be (by the account's allow-listed sites).
    private func framedMessage(
        _ visit: PortalVisit, title: String, heading: String, paragraph: String, status: HTTPResponse.Status = .ok
    ) -> Response {
        var response = visit.page(
            "message", MessagePage(chrome: visit.chrome(title), heading: heading, paragraphs: [paragraph]), status: status)
        response.headers[.contentSecurityPolicy] = SecurityHeadersMiddleware<Context>.framingPolicy(
            allowing: visit.account.settings.leadFormAllowedOrigins)
        return response
    }
}
