import Foundation
import Logging
import PortalApp
import PortalKernel
import PortalTesting
import Testing

@Suite("Scheduled backups")
struct ScheduledBackupsTests {
    /// 2026-11-30 07:15:00 UTC.
    static let instant = Date(timeIntervalSince1970: 1_796_022_900)

    @Test("The next run is the next start of backup.hour in UTC")
    func nextRun() throws {
        let backups = { (hour: Int) in
            ScheduledBackups(
                storage: memoryStorage(), files: MemoryFileStore(), clock: ManualClock(Self.instant), settings: BackupSettings(folder: "b", hour: hour),
                logger: Logger(label: "test"))
        }
        #expect(backups(3).nextRun(after: Self.instant) == Date(timeIntervalSince1970: 1_796_094_000))  // 12-01 03:00Z
        #expect(backups(8).nextRun(after: Self.instant) == Date(timeIntervalSince1970: 1_796_025_600))  // 11-30 08:00Z
        #expect(backups(7).nextRun(after: Date(timeIntervalSince1970: 1_796_018_400)) == Date(timeIntervalSince1970: 1_796_022_000))
        // Strictly after: at 07:00:00 the next 07:00 is tomorrow's.
        #expect(backups(7).nextRun(after: Date(timeIntervalSince1970: 1_796_022_000)) == Date(timeIntervalSince1970: 1_796_108_400))
    }

    @Test("Two instances on one store back up once an hour between them, into the configured folder")
    func onceAnHour() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        let folder = fixture.folder.appendingPathComponent("backups")
        let config = try fixture.configFile(
            #"{"storage": {"driver": "sqlite", "path": "\#(fixture.folder.path)/portal.sqlite"}, "backup": {"folder": "\#(folder.path)", "hour": 7, "keep": 2}}"#)
        let bootstrap = try await fixture.bootstrap(config)
        let settings = try #require(bootstrap.settings.backup)
        #expect(settings == BackupSettings(folder: folder.path, hour: 7, keep: 2))
        let clock = ManualClock(Self.instant)
        let context = PluginContext(logger: Logger(label: "test"), clock: clock)
        let first = try await bootstrap.makeStorage(context: context)
        let second = try await bootstrap.makeStorage(context: context)
        try await first.accounts.insert(
            Account(id: "acct", name: "Birch", portalKey: "birch", settings: AccountSettings(leadNotificationEmails: []),
                    branding: Branding(displayName: "Birch"), createdAt: Self.instant))
        let instances = [first, second].map { ScheduledBackups(storage: $0, files: MemoryFileStore(), clock: clock, settings: settings, logger: Logger(label: "test")) }

        async let one = instances[0].backUpIfNoneThisHour(at: Self.instant)
        async let other = instances[1].backUpIfNoneThisHour(at: Self.instant)
        let written = try await [one, other]
        #expect(written.compactMap { $0 } == ["\(folder.path)/portal-20261130T071500Z.sqlite"], "one of the two, once")
        #expect(try await instances[1].backUpIfNoneThisHour(at: Self.instant.addingTimeInterval(600)) == nil)

        for day in 1...3 {
            let next = Self.instant.addingTimeInterval(Double(day) * 86_400)
            #expect(try await instances[day % 2].backUpIfNoneThisHour(at: next) != nil, "day \(day)")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["portal-20261202T071500Z.sqlite", "portal-20261203T071500Z.sqlite"])
        try await first.close()
        try await second.close()
    }

    @Test("backup.hour or backup.keep out of range, or without a folder, is refused naming the key")
    func badSettings() async throws {
        let fixture = try AppFixture()
        defer { fixture.remove() }
        for (json, message) in [
            (#"{"backup": {"folder": "b", "hour": 24}}"#, "backup.hour: must be between 0 and 23, got 24"),
            (#"{"backup": {"folder": "b", "keep": 0}}"#, "backup.keep: must be between 1 and 10000, got 0"),
            (#"{"backup": {"hour": 4}}"#, "backup.hour: needs backup.folder"),
        ] {
            let path = try fixture.configFile(json, name: "bad.json")
            await #expect {
                _ = try await fixture.bootstrap(path)
            } throws: { error in
                "\(error)".contains(message) && "\(error)".contains("bad.json")
            }
        }
        #expect(try await fixture.bootstrap(try fixture.configFile("{}", name: "none.json")).settings.backup == nil)
    }
}
