import Foundation
import Logging
import PortalKernel
import ServiceLifecycle

/// Takes a backup every day at `backup.hour` (UTC) into `backup.folder`, keeping the newest `backup.keep` (#21): a
/// service beside the HTTP server, run by `portal serve` when `backup.folder` is set. Of several instances on one
/// database, the first to take the hour's ``Lease`` backs up; the others skip that hour.
public struct ScheduledBackups: Service {
    let storage: any PortalStorage
    let files: any FileStore
    let clock: any PortalClock
    let settings: BackupSettings
    let logger: Logger

    /// Backs up `storage`, and the files of `files` its records name (#25), as `settings` say, telling the time by
    /// `clock`.
    public init(storage: any PortalStorage, files: any FileStore, clock: any PortalClock, settings: BackupSettings, logger: Logger) {
        (self.storage, self.files, self.clock, self.settings, self.logger) = (storage, files, clock, settings, logger)
    }

    /// The next start of `settings.hour` in UTC strictly after `instant`.
    public func nextRun(after instant: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.nextDate(
            after: instant, matching: DateComponents(hour: settings.hour, minute: 0, second: 0), matchingPolicy: .nextTime)!
    }

    /// Backs up now, unless another instance already did in the UTC hour `instant` falls in. Returns the file
    /// written, or `nil` when another instance had the hour.
    ///
    /// - Throws: what ``StorageBackup`` throws, naming the folder or file.
    @discardableResult
    public func backUpIfNoneThisHour(at instant: Date) async throws -> String? {
        let hour = String(BackupFolder.stamp(instant).prefix(11))  // 20261130T07
        let lease = Lease(counters: storage.counters, subject: "scheduled-backup:\(hour)")
        guard try await lease.take(at: instant, lifetime: 2 * 3_600) else { return nil }
        let written = try await StorageBackup(storage: storage, files: files).run(into: settings.backupFolder, keep: settings.keep, at: instant)
        logger.info(
            "Backed up the \(storage.driverName) store",
            metadata: ["file": "\(written.path)", "deleted": "\(written.deleted.joined(separator: ", "))"])
        return written.path
    }

    public func run() async throws {
        var due = nextRun(after: clock.now)
        logger.info(
            "Backups daily at \(settings.hour):00 UTC, the newest \(settings.keep) kept",
            metadata: ["folder": "\(settings.folder)", "next": "\(BackupFolder.stamp(due))"])
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let wait = max(due.timeIntervalSince(clock.now), 0)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
            guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
            // Never before the hour it waited for, even if the wall clock lags the sleep a little.
            let instant = max(clock.now, due)
            do {
                if try await backUpIfNoneThisHour(at: instant) == nil {
                    logger.info("Another instance backed up this hour; skipped", metadata: ["folder": "\(settings.folder)"])
                }
            } catch {
                logger.error("Scheduled backup failed; trying again tomorrow: \(error)")
            }
            due = nextRun(after: max(clock.now, instant))
        }
    }
}
