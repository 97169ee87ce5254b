import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Python helper server of the tests (`smtp_server.py`, `webhook_receiver.py`), started from this folder. It
/// prints `READY <port>` once it listens and stops when its standard input closes, so it never outlives the tests.
struct PythonHelper {
    let process: Process
    let input: Pipe
    let port: Int

    /// Starts `script` with `arguments` and waits up to 30 s, off the cooperative threads, for its `READY` line; `nil`
    /// when it did not start.
    static func start(_ script: String, _ arguments: [String]) async throws -> PythonHelper? {
        let process = PythonScript.process(script, arguments)
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try ProcessLaunch.start(process)
        let reading = output.fileHandleForReading
        let ready = try await BlockingWork.run { () -> Int? in
            var descriptor = pollfd(fd: reading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 30_000) > 0, let line = String(data: reading.availableData, encoding: .utf8),
                line.hasPrefix("READY ")
            else { return nil }
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard let port = ready else {
            process.terminate()
            return nil
        }
        return PythonHelper(process: process, input: input, port: port)
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }
}
