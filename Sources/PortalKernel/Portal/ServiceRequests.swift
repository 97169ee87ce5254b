import Foundation

/// Turns a request-service form into a portal lead (SPEC F5, F6): the lead's job, the lead, the emails the lead
/// router asks for and a confirmation to the client, and an audit event, all in one transaction.
public struct ServiceRequests: Sendable {
    /// How a submission turned out.
    public enum Outcome: Hashable, Sendable {
        case submitted(Lead)
        /// Nothing was saved; the form comes back with these messages.
        case invalid([ServiceRequest.Field: String])
        /// Too many submissions from this address or naming this email in the window (SPEC M5); nothing was saved.
        case rateLimited
        /// The same request was sent a moment before (``RepeatedRequests``, SPEC F5); nothing more was saved.
        case alreadySent
        /// The same request, sent a moment before, is still being saved (its photos cleaned); nothing more was saved.
        case stillSending
    }

    /// After how many minutes a request answered ``Outcome/stillSending`` may be sent again, should no confirmation
    /// have come: by then a sending that died has lost its claim.
    public static let resendAfterMinutes = Int(RepeatedRequests.sendingLifetime / 60)

    let services: PortalServices
    let emails: any PortalEmailComposer
    let policy: PortalPolicy

    /// Saves leads, jobs, outbox emails and rate-limit counters in `services.storage`, asks `services.leadRouter` whom
    /// to tell, words the emails with `emails`, and takes the form limits from `policy` (SPEC M5).
    public init(services: PortalServices, emails: any PortalEmailComposer, policy: PortalPolicy) {
        self.services = services
        self.emails = emails
        self.policy = policy
    }

    /// Whether a form from `origin` would be refused for its address now (SPEC M5), found without counting an attempt:
    /// the front asks before it reads a form with photos, so a sender over the limit costs no upload.
    public func isLimited(_ origin: RequestOrigin) async throws -> Bool {
        try await RateLimiter(counters: services.storage.counters).isSpent(
            "lead-ip:\(origin.limitKey)", limit: policy.leadFormsPerIP, at: services.clock.now)
    }

    /// Saves `request` as a portal lead of `account`, attached to `customer` when a logged-in client sent it.
    public func submit(
        _ request: ServiceRequest, account: Account, customer: Customer?, origin: RequestOrigin
    ) async throws -> Outcome {
        let now = services.clock.now
        let problems = request.problems(today: account.today(at: now))
        guard problems.isEmpty else { return .invalid(problems) }
        // SPEC M5: anyone may send this form, so it is limited per client address and per email it names (on the
        // whole server, not per company). A logged-in client sending with their own address is not limited by it:
        // strangers naming that address must not block them (#17).
        let proven = Self.isProven(request.email, by: customer)
        // SPEC F5: the same request sent again is answered as sent and spends no limit; the claim and both limits are
        // one transaction (one write: #22).
        let repeats = RepeatedRequests(storage: services.storage)
        let key = RepeatedRequests.key(of: request, account: account.id, customer: customer?.id)
        let claim = try await repeats.claim(key, at: now) { [policy] store in
            let limiter = RateLimiter(counters: store.counters)
            guard try await limiter.attempt(
                "lead-ip:\(origin.limitKey)", limit: policy.leadFormsPerIP, window: policy.rateLimitWindow, at: now)
            else { return false }
            if proven { return true }
            return try await limiter.attempt(
                "lead-email:\(EmailAddress.normalized(request.email))", limit: policy.leadFormsPerEmail,
                window: policy.rateLimitWindow, at: now)
        }
        switch claim {
        case .alreadySent: return .alreadySent
        case .refused: return .rateLimited
        case .stillSending: return .stillSending
        case .first: break
        }
        do {
            let outcome = try await send(request, account: account, customer: customer, origin: origin, proven: proven, requestKey: key, at: now)
            if case .submitted = outcome { return outcome }
            try await repeats.release(key, at: now)
            return outcome
        } catch {
            try? await repeats.release(key, at: now)
            throw error
        }
    }

    /// Cleans the photos and saves the lead of `request`, which ``submit(_:account:customer:origin:)`` checked,
    /// admitted and claimed under `requestKey`; the lead's transaction records the request as sent.
    private func send(
        _ request: ServiceRequest, account: Account, customer: Customer?, origin: RequestOrigin, proven: Bool, requestKey: String,
        at now: Date
    ) async throws -> Outcome {
        // F17: every photo cleaned before anything is kept; one that is not a photo sends the form back.
        let photos: [KeptPhoto]
        switch try await keep(request.photos) {
        case .success(let kept): photos = kept
        case .failure(let problem): return .invalid([.photos: problem.message])
        }

        let services = request.servicesWanted
        let job = Job(
            accountID: account.id, customerID: customer?.id,
            title: services.isEmpty ? "Service request" : services.joined(separator: ", "),
            createdStage: .lead, portalLead: true, createdAt: now)
        var lead = Lead(
            accountID: account.id, jobID: job.id, portalLead: true, name: request.name, email: request.email,
            phone: request.phone.isEmpty ? nil : request.phone, serviceAddress: request.serviceAddress,
            servicesWanted: services, description: request.description,
            preferredDate: CalendarDate(iso: request.preferredDate), submittedAt: now)
        let routing = try await self.services.leadRouter.route(lead, account: account)
        if let email = routing.assigneeEmail {
            lead.assigneeID = try await self.services.storage.staffUsers.find(email: email, in: account.id)?.id
            if lead.assigneeID == nil {
                self.services.logger.warning("Lead router \(self.services.leadRouter.driverName) named \(email), who is no staff user of \(account.portalKey)")
            }
        }
        lead.tags = routing.tags

        let files = photos.enumerated().map { index, photo in
            AttachedFile(
                accountID: account.id, owner: .lead(lead.id), customerID: customer?.id,
                name: "Photo \(index + 1).\(photo.type.fileExtension)", mediaType: photo.type.mediaType, byteCount: photo.byteCount,
                content: photo.content, thumbnail: photo.thumbnail, sharedWithClient: false, source: .client, addedBy: lead.email,
                addedAt: now)
        }
        let links = PortalLinks(publicBaseURL: self.services.publicBaseURL)
        let recipients = routing.recipients.map(EmailAddress.normalized).filter(EmailAddress.isValid)
        let notification = try recipients.isEmpty
            ? nil
            : emails.compose(
                .leadNotification(
                    account: account, lead: lead, leadURL: links.backOfficeLead(lead.id), photoURLs: files.map { links.backOfficeFile($0.id) }),
                to: recipients.map { EmailMessage.Mailbox(address: $0) })
        let confirmation = try emails.compose(
            .leadConfirmation(account: account, lead: lead, addressProven: proven),
            // Not even the typed name in the To: line of an address nobody has proven (SPEC M5).
            to: [EmailMessage.Mailbox(address: lead.email, name: proven ? lead.name : nil)])
        let messages = [notification, confirmation].compactMap { $0 }
        let submitted = lead
        try await self.services.storage.transaction { store in
            try await RepeatedRequests.markSent(requestKey, in: store.counters, at: now)
            try await store.jobs.insert(job)
            try await store.leads.insert(submitted)
            for file in files { try await store.records(AttachedFile.self).insert(file) }
            try await WebhookEvents.enqueue(.leadCreated, data: submitted, about: .lead(submitted.id), account: account, store: store, at: now)
            for message in messages {
                try await store.outbox.enqueue(
                    OutboxMessage(
                        accountID: account.id, email: message, about: .lead(submitted.id), nextAttemptAt: now, createdAt: now))
            }
            try await store.auditEvents.record(
                AuditEvent(
                    accountID: account.id, action: .leadSubmitted, about: .lead(submitted.id), customerID: customer?.id,
                    actorEmail: submitted.email, ipAddress: origin.ipAddress, userAgent: origin.userAgent,
                    occurredAt: now))
        }
        return .submitted(submitted)
    }

    /// A cleaned photo whose bytes and thumbnail are in the file store.
    struct KeptPhoto {
        let type: CleanedImage.ImageType
        let byteCount: Int
        let content: FileAddress
        let thumbnail: FileAddress
    }

    /// Why the photos were not kept, in words for the client beside the photo field.
    struct PhotoProblem: Error {
        let message: String
    }

    /// Cleans `photos` (SPEC F17), every one before any is kept, then puts them and their thumbnails in the file
    /// store; the first that is not a JPEG or PNG photo, or is too large for the store, is a ``PhotoProblem`` naming
    /// it by its place, and then nothing of them is kept.
    /// - Throws: what the store throws when it cannot be used.
    func keep(_ photos: [Data]) async throws -> Result<[KeptPhoto], PhotoProblem> {
        var cleanedPhotos: [CleanedImage] = []
        for (index, photo) in photos.enumerated() {
            do {
                let cleaned = try await services.images.clean(photo)
                if max(cleaned.bytes.count, cleaned.thumbnail.count) > services.files.maxFileBytes {
                    return .failure(
                        PhotoProblem(message: "Photo \(index + 1) is larger than the \(services.files.maxFileBytes / 1_048_576) MB this portal keeps. Attach a smaller one."))
                }
                cleanedPhotos.append(cleaned)
            } catch let refusal as ImageRefusal {
                return .failure(PhotoProblem(message: "Photo \(index + 1) \(refusal). Attach it again as a JPEG or PNG photo."))
            }
        }
        var kept: [KeptPhoto] = []
        for cleaned in cleanedPhotos {
            kept.append(
                KeptPhoto(
                    type: cleaned.type, byteCount: cleaned.bytes.count, content: try await services.files.put(cleaned.bytes),
                    thumbnail: try await services.files.put(cleaned.thumbnail)))
        }
        return .success(kept)
    }

    /// Whether `email` is shown to belong to the sender: a logged-in client's own contact address (the login link
    /// proved it). A typed address of an anonymous visitor, or another address a client types, is not (SPEC M5).
    static func isProven(_ email: String, by customer: Customer?) -> Bool {
        customer?.emails.contains { EmailAddress.normalized($0) == EmailAddress.normalized(email) } ?? false
    }
}
