import Foundation
import Logging
import PortalKernel
import PortalTestSupport
import Testing

@testable import JSONStorage

@Suite("JSON storage under SIGKILL")
struct JSONCrashTests {
    /// The `json-crash-writer` helper SwiftPM built beside this test bundle.
    static var writer: URL {
        get throws { try BuiltProduct.path("json-crash-writer") }
    }

    @Test("Killed mid-write again and again, the store stays readable with every acknowledged write present")
    func killLoop() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-crash-\(UUID().uuidString)")
        var acknowledged: [Int] = []
        for round in 0..<12 {
            let process = Process()
            process.executableURL = try Self.writer
            process.arguments = [folder.path]
            let output = Pipe()
            process.standardOutput = output
            let errors = Pipe()
            process.standardError = errors
            try ProcessLaunch.start(process)
            // Once it has acknowledged a write (however slow the machine), let it write a little longer, then kill
            // it without warning.
            let reading = output.fileHandleForReading
            let acknowledging = try await BlockingWork.run {
                var descriptor = pollfd(fd: reading.fileDescriptor, events: Int16(POLLIN), revents: 0)
                return poll(&descriptor, 1, 30_000) > 0
            }
            #expect(acknowledging, "round \(round): the writer acknowledged nothing in 30 s")
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...300)))
            kill(process.processIdentifier, SIGKILL)
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round) ended by itself: \(complaints)")
            // Whole lines only: a number being printed at the kill was not yet acknowledged.
            let lines = printed.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            acknowledged += lines.compactMap { Int($0) }
        }
        #expect(acknowledged.count >= 12, "every round acknowledges at least one write")
        // A write acknowledged and then lost would be written again under the same number by the next run.
        #expect(Set(acknowledged).count == acknowledged.count)
        print("JSON crash test: \(acknowledged.count) acknowledged writes over 12 kills")

        let store = try JSONStorage(folder: folder, logger: Logger(label: "test"))
        let customers = Set(try await store.customers.all(in: "crash").map(\.id.rawValue))
        let jobs = Set(try await store.jobs.find(customers.map { Job.ID(rawValue: "j-" + $0.dropFirst(2)) }, in: "crash").map(\.id.rawValue))
        let lost = acknowledged.filter { !customers.contains("c-\($0)") }
        #expect(lost.isEmpty, "\(lost.count) acknowledged writes are missing, such as \(lost.prefix(5))")
        // All or nothing: no customer without the job written in the same transaction.
        let halfWritten = customers.filter { !jobs.contains("j-" + $0.dropFirst(2)) }
        #expect(halfWritten.isEmpty, "customers without their job: \(halfWritten.prefix(5))")
        try await store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("A second process opening the same folder is refused with a clear message")
    func secondProcessRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-lock-\(UUID().uuidString)")
        let first = Process()
        first.executableURL = try Self.writer
        first.arguments = [folder.path]
        let firstOutput = Pipe()
        first.standardOutput = firstOutput
        try ProcessLaunch.start(first)
        defer {
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }
        // The first writer has the store open once it acknowledges a write.
        let firstReading = firstOutput.fileHandleForReading
        _ = try await BlockingWork.run { firstReading.availableData }

        let second = Process()
        second.executableURL = try Self.writer
        second.arguments = [folder.path]
        let errors = Pipe()
        second.standardError = errors
        second.standardOutput = FileHandle.nullDevice
        try ProcessLaunch.start(second)
        let complaints = errors.fileHandleForReading
        let message = try await BlockingWork.run {
            let message = String(decoding: complaints.readDataToEndOfFile(), as: UTF8.self)
            second.waitUntilExit()
            return message
        }
        #expect(second.terminationStatus != 0)
        #expect(message.contains("is in use by another portal process"), "\(message)")
        #expect(first.isRunning)
    }
}
