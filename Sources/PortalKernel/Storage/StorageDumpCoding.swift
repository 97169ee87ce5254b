import Foundation

extension StorageDump {
    /// A dump's JSON key: `formatVersion` or a record list's key from the catalogue.
    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
        static let formatVersion = Key(stringValue: "formatVersion")
    }

    /// Reads a dump; absent lists are empty. A dump of a newer format is refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let version = try container.decode(Int.self, forKey: .formatVersion)
        guard version <= Self.currentFormatVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: container,
                debugDescription: "format \(version) is newer than this build reads (\(Self.currentFormatVersion))")
        }
        self.init()
        formatVersion = version
        func read<Record: StoredRecord>(_: Record.Type) throws {
            guard let key = Record.storage.dump else { return }
            self[Record.self] = try container.decodeIfPresent([Record].self, forKey: Key(stringValue: key)) ?? []
        }
        try RecordCatalogue.forEach { try read($0) }
    }

    /// Writes the format version and every non-empty list.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        func write<Record: StoredRecord>(_: Record.Type) throws {
            guard let key = Record.storage.dump, !self[Record.self].isEmpty else { return }
            try container.encode(self[Record.self], forKey: Key(stringValue: key))
        }
        try RecordCatalogue.forEach { try write($0) }
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
        let milliseconds = milliseconds(date)
        let seconds = milliseconds >= 0 ? milliseconds / 1_000 : (milliseconds - 999) / 1_000
        let fraction = milliseconds - seconds * 1_000
        let whole = Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: Double(seconds)))
        let digits = String(fraction)
        return "\(whole.dropLast()).\(String(repeating: "0", count: 3 - digits.count))\(digits)Z"
    }

    /// The whole milliseconds since 1970 that ``format(_:)`` writes: the precision every store keeps an instant to.
    public static func milliseconds(_ date: Date) -> Int64 {
        let raw = (date.timeIntervalSince1970 * 1_000 + 1e-6).rounded(.down)
        return Int64(raw.isNaN ? 0 : min(max(raw, -62_135_596_800_000), 253_402_300_799_999))
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
