import ArgumentParser
import Foundation
import PortalKernel

/// `portal bench-documents`: how long the documents driver takes to draw an invoice's PDF, and how large it is
/// (SPEC F16). Prints figures; asserts nothing.
struct DocumentBenchCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-documents",
        abstract: "Time drawing an invoice's PDF of a few sizes with the documents driver, and print the PDF's size.")

    @Option(help: "Invoice line counts to try, comma-separated.")
    var lines = "1,10,100,1000"

    @Option(help: "The documents driver to time.")
    var driver = "cairo"

    @Option(help: "How many times each size is drawn.")
    var repetitions = 20

    func validate() throws {
        guard repetitions > 0 else { throw ValidationError("--repetitions must be at least 1") }
        guard !parsedLines.isEmpty, parsedLines.allSatisfy({ (1...10_000).contains($0) }) else {
            throw ValidationError("--lines takes whole numbers from 1 to 10000, such as 1,10,100")
        }
    }

    var parsedLines: [Int] { lines.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run(registry: PluginRegistry) async throws {
        let context = PluginContext(logger: PortalLogger.make(level: .warning), clock: SystemClock())
        let renderer = try await registry.documentRenderers.make(driver, settings: DictionarySettings(path: "documents", [:]), context: context)
        let figures = try await DocumentBenchmark(renderer: renderer, repetitions: repetitions).run(sizes: parsedLines)
        print("Document benchmark: an invoice's PDF drawn \(repetitions) times a size with \(driver), one after another")
        print(Self.table(figures))
    }

    /// The figures as a Markdown table.
    static func table(_ figures: [DocumentBenchmark.Figure]) -> String {
        func milliseconds(_ duration: Duration) -> String { String(format: "%.1f", duration.seconds * 1_000) }
        return (["| lines | pages | PDF (KiB) | median (ms) | slowest (ms) |", "| ---: | ---: | ---: | ---: | ---: |"]
            + figures.map { "| \($0.lines) | \($0.pages) | \(String(format: "%.1f", Double($0.bytes) / 1_024)) | \(milliseconds($0.median)) | \(milliseconds($0.slowest)) |" })
            .joined(separator: "\n")
    }
}
