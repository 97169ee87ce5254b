/// An account's settings for its clients' visits (SPEC V1–V5).
public struct VisitSettings: Hashable, Codable, Sendable {
    /// How many hours before a visit's start (its window's, or its day's without one) the client can no longer
    /// confirm, reschedule, skip or pause it (V2). 0 to 336 (two weeks).
    public var changeCutoffHours: Int
    /// The longest pause a client may ask for, in days (V3). 1 to 366.
    public var maxPauseDays: Int
    /// How many days the portal shows completed visits (V1). 0 to 3,650.
    public var pastVisitRetentionDays: Int
    /// The hour of the day before a visit, on the account's clocks, when its reminder is emailed (V5). 0 to 23.
    public var reminderHour: Int

    /// The hours ``changeCutoffHours`` may be.
    public static let changeCutoffRange = 0...336
    /// The days ``maxPauseDays`` may be.
    public static let maxPauseRange = 1...366
    /// The days ``pastVisitRetentionDays`` may be.
    public static let retentionRange = 0...3_650
    /// The hours ``reminderHour`` may be.
    public static let reminderHourRange = 0...23

    /// Memberwise, with SPEC's defaults: a 48-hour cut-off, pauses of up to 180 days, completed visits shown for 365
    /// days, reminders at 17:00 the day before.
    public init(changeCutoffHours: Int = 48, maxPauseDays: Int = 180, pastVisitRetentionDays: Int = 365, reminderHour: Int = 17) {
        self.changeCutoffHours = changeCutoffHours
        self.maxPauseDays = maxPauseDays
        self.pastVisitRetentionDays = pastVisitRetentionDays
        self.reminderHour = reminderHour
    }

    /// What each setting takes, in words, by its name: the message of a value out of range.
    public static let words = [
        "changeCutoffHours": "Enter 0 to 336 hours.", "maxPauseDays": "Enter 1 to 366 days.",
        "pastVisitRetentionDays": "Enter 0 to 3650 days.", "reminderHour": "Enter an hour from 0 to 23.",
    ]

    /// What is wrong with these settings, by field (``words``); empty when they can be saved.
    public var problems: [String: String] {
        let checks = [
            ("changeCutoffHours", Self.changeCutoffRange.contains(changeCutoffHours)), ("maxPauseDays", Self.maxPauseRange.contains(maxPauseDays)),
            ("pastVisitRetentionDays", Self.retentionRange.contains(pastVisitRetentionDays)), ("reminderHour", Self.reminderHourRange.contains(reminderHour)),
        ]
        return Dictionary(uniqueKeysWithValues: checks.filter { !$0.1 }.map { ($0.0, Self.words[$0.0]!) })
    }
}
