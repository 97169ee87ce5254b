import Foundation

/// What someone types into the request-service form (SPEC F5), and the photos they attach (F17), checked before
/// anything is saved.
public struct ServiceRequest: Hashable, Sendable {
    /// The form's fields, for messages beside each one.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case name, email, phone, serviceAddress, servicesWanted, description, preferredDate, photos
    }

    /// The most photos one request takes (SPEC F17).
    public static let maxPhotos = 5
    /// The largest photo one request takes, in bytes: 10 MiB (SPEC F17).
    public static let maxPhotoBytes = 10 * 1_048_576

    /// The services a visitor can tick; anything else goes into the description.
    public static let serviceChoices = [
        "Lawn care", "Tree care", "Landscaping", "Hardscaping", "Irrigation", "Snow removal", "Other",
    ]

    /// The visitor's name, trimmed; required, up to 200 characters.
    public var name: String
    /// The visitor's email, normalised; must be valid. The confirmation goes there, without the visitor's free text
    /// unless the logged-in client's customer lists it (SPEC M5).
    public var email: String
    /// A phone number as typed, trimmed: empty for none, else at least 7 digits and at most 40 characters.
    public var phone: String
    /// Where the work is needed, one line as typed, trimmed; required, up to 500 characters.
    public var serviceAddress: String
    /// The services ticked, only those of ``serviceChoices``; may be empty when `description` is not.
    public var servicesWanted: [String]
    /// What the visitor needs, in their words, trimmed; up to 5,000 characters, required when no service is ticked.
    public var description: String
    /// As typed (`2026-12-05`, from a date field); empty for none.
    public var preferredDate: String
    /// The photos attached, as uploaded, in order: at most ``maxPhotos``, each at most ``maxPhotoBytes``. Cleaned
    /// by the ``ImageProcessor`` before anything of them is kept (SPEC F17).
    public var photos: [Data]

    /// The form as typed: the text trimmed, the email normalised, services not in ``serviceChoices`` dropped;
    /// ``problems(today:)`` checks it.
    public init(
        name: String, email: String, phone: String, serviceAddress: String, servicesWanted: [String],
        description: String, preferredDate: String, photos: [Data] = []
    ) {
        self.name = name.trimmed
        self.email = EmailAddress.normalized(email)
        self.phone = phone.trimmed
        self.serviceAddress = serviceAddress.trimmed
        self.servicesWanted = servicesWanted.filter(Self.serviceChoices.contains)
        self.description = description.trimmed
        self.preferredDate = preferredDate.trimmed
        self.photos = photos
    }

    /// What is wrong, field by field; empty when the request can be saved.
    public func problems(today: CalendarDate) -> [Field: String] {
        var problems: [Field: String] = [:]
        if name.isEmpty { problems[.name] = "Enter your name." }
        if name.unicodeScalars.count > 200 { problems[.name] = "Keep your name under 200 characters." }
        if let problem = SingleLineText.problem(name, naming: "Your name") { problems[.name] = problem }
        if !EmailAddress.isValid(email) { problems[.email] = "Enter an email address such as name@example.com." }
        let digits = phone.filter(\.isNumber)
        if !phone.isEmpty && (digits.count < 7 || phone.count > 40) { problems[.phone] = "Enter a phone number we can call, or leave it empty." }
        if let problem = SingleLineText.problem(phone, naming: "The phone number") { problems[.phone] = problem }
        if serviceAddress.isEmpty { problems[.serviceAddress] = "Enter the address where the work is needed." }
        if serviceAddress.unicodeScalars.count > 500 { problems[.serviceAddress] = "Keep the address under 500 characters." }
        if let problem = SingleLineText.problem(serviceAddress, naming: "The address") { problems[.serviceAddress] = problem }
        if servicesWanted.isEmpty && description.isEmpty {
            problems[.servicesWanted] = "Choose a service or describe what you need."
        }
        if description.unicodeScalars.count > 5_000 { problems[.description] = "Keep the description under 5,000 characters." }
        if !preferredDate.isEmpty {
            if let date = CalendarDate(iso: preferredDate) {
                if date < today { problems[.preferredDate] = "Choose today or a later date." }
            } else {
                problems[.preferredDate] = "Enter a date such as \(today.adding(days: 7))."
            }
        }
        if let problem = Self.photoProblem(photos) { problems[.photos] = problem }
        return problems
    }

    /// Too many photos, or one too large, in words for the client; `nil` when they may be cleaned (SPEC F17).
    static func photoProblem(_ photos: [Data]) -> String? {
        if photos.count > maxPhotos { return "Attach at most \(maxPhotos) photos; you chose \(photos.count)." }
        if let large = photos.firstIndex(where: { $0.count > maxPhotoBytes }) {
            return "Photo \(large + 1) is larger than 10 MB. Attach a smaller one."
        }
        return nil
    }
}
