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

    /// Runs `script` with `arguments` and waits for it to end, off the cooperative threads (``BlockingWork``).
    /// - Throws: when `/usr/bin/env` cannot be started.
    public static func run(_ script: String, _ arguments: [String]) async throws -> Outcome {
        try await run(process(script, arguments))
    }

    /// Runs the program `arguments` names (`["pdftotext", …]`), found on the path, and waits for it to end, off the
    /// cooperative threads.
    /// - Throws: when `/usr/bin/env` cannot be started.
    public static func tool(_ arguments: [String]) async throws -> Outcome {
        try await run(toolProcess(arguments))
    }

    private static func run(_ process: Process) async throws -> Outcome {
        nonisolated(unsafe) let process = process
        return try await BlockingWork.run {
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try ProcessLaunch.start(process)
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return Outcome(status: process.terminationStatus, output: text)
        }
    }

    /// A process that would run `script` (a file of this folder) with `arguments`.
    static func process(_ script: String, _ arguments: [String]) -> Process {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(script).path
        return toolProcess(["python3", path] + arguments)
    }

    /// A process that would run the program `arguments` names, found on the path by `/usr/bin/env`.
    static func toolProcess(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        return process
    }
}
