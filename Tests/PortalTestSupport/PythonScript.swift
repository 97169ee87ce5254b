import Foundation

/// A Python script of the tests, in this folder, run with `python3`: a helper server (``PythonHelper``) or a
/// checker run to its end (`strict_email_check.py`).
public enum PythonScript {
    /// What a script run to its end left: its exit status (127 when `python3` is missing) and its standard output
    /// and error together.
    public struct Outcome: Sendable {
        public let status: Int32
        public let output: String
    }

    /// Runs `script` with `arguments` and waits for it to end.
    /// - Throws: when `/usr/bin/env` cannot be started.
    public static func run(_ script: String, _ arguments: [String]) throws -> Outcome {
        let process = process(script, arguments)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: text)
    }

    /// A process that would run `script` (a file of this folder) with `arguments`.
    static func process(_ script: String, _ arguments: [String]) -> Process {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(script).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path] + arguments
        return process
    }
}
