import Foundation

extension StorageDump {
    private enum CodingKeys: String, CodingKey {
        case formatVersion, accounts, staffUsers, customers, jobs, proposals, invoices, payments, leads, loginTokens
        case sessions, outbox, auditEvents, proposalLinks, apiTokens
    }

    /// Reads a dump; absent lists are empty. A dump of a newer format is refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        guard formatVersion <= Self.currentFormatVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: container,
                debugDescription: "format \(formatVersion) is newer than this build reads (\(Self.currentFormatVersion))")
        }
        func list<Record: Decodable>(_ key: CodingKeys) throws -> [Record] {
            try container.decodeIfPresent([Record].self, forKey: key) ?? []
        }
        accounts = try list(.accounts)
        staffUsers = try list(.staffUsers)
        customers = try list(.customers)
        jobs = try list(.jobs)
        proposals = try list(.proposals)
        invoices = try list(.invoices)
        payments = try list(.payments)
        leads = try list(.leads)
        loginTokens = try list(.loginTokens)
        sessions = try list(.sessions)
        outbox = try list(.outbox)
        auditEvents = try list(.auditEvents)
        proposalLinks = try list(.proposalLinks)
        apiTokens = try list(.apiTokens)
    }

    /// Writes the format version and every non-empty list.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        func list<Record: Encodable>(_ records: [Record], _ key: CodingKeys) throws {
            if !records.isEmpty { try container.encode(records, forKey: key) }
        }
        try list(accounts, .accounts)
        try list(staffUsers, .staffUsers)
        try list(customers, .customers)
        try list(jobs, .jobs)
        try list(proposals, .proposals)
        try list(invoices, .invoices)
        try list(payments, .payments)
        try list(leads, .leads)
        try list(loginTokens, .loginTokens)
        try list(sessions, .sessions)
        try list(outbox, .outbox)
        try list(auditEvents, .auditEvents)
        try list(proposalLinks, .proposalLinks)
        try list(apiTokens, .apiTokens)
    }
}

/// The JSON form of dumps and of the JSON store's files: keys sorted, instants as ISO 8601 UTC to the
/// millisecond (the precision SQLite keeps too, so a record reads back the same from every backend).
public enum StorageJSON {
    /// An encoder; `pretty` for files people read, compact for one-line journal entries.
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "Expected an ISO 8601 instant such as 2026-11-25T09:30:00.000Z, got \"\(text)\"")
            }
            return date
        }
        return decoder
    }

    /// `2026-11-25T09:30:00.123Z`: whole milliseconds, counted down as SQLite's storage format does (a value that
    /// is a whole millisecond but for floating-point noise keeps that millisecond).
    /// An instant beyond the four-digit years (a stored value no version wrote) is written as the nearest one, so
    /// reading it never traps (SPEC M2).
    public static func format(_ date: Date) -> String {
        let raw = (date.timeIntervalSince1970 * 1_000 + 1e-6).rounded(.down)
        let milliseconds = Int64(raw.isNaN ? 0 : min(max(raw, -62_135_596_800_000), 253_402_300_799_999))
        let seconds = milliseconds >= 0 ? milliseconds / 1_000 : (milliseconds - 999) / 1_000
        let fraction = milliseconds - seconds * 1_000
        let whole = Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: Double(seconds)))
        let digits = String(fraction)
        return "\(whole.dropLast()).\(String(repeating: "0", count: 3 - digits.count))\(digits)Z"
    }

    /// Parses what ``format(_:)`` writes (and the same without a fraction); `nil` for anything else.
    public static func parse(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        var whole = String(text.dropLast())
        var fraction = 0
        if let dot = whole.firstIndex(of: ".") {
            let digits = whole[whole.index(after: dot)...]
            guard (1...9).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
            fraction = Int(digits.prefix(3).padding(toLength: 3, withPad: "0", startingAt: 0))!
            whole = String(whole[..<dot])
        }
        guard let seconds = try? Date.ISO8601FormatStyle().parse(whole + "Z") else { return nil }
        return Date(timeIntervalSince1970: Double(Int64(seconds.timeIntervalSince1970) * 1_000 + Int64(fraction)) / 1_000)
    }
}
