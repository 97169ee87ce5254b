import Configuration
import Synchronization

/// Watches every configuration read, remembering for each key which source supplied it and which source held a
/// value that could not be used, so errors can name the file or the environment variable.
final class ConfigOrigins: AccessReporter {
    /// Where a value came from.
    enum Source: Equatable, CustomStringConvertible {
        case file(String)
        case environment(String)

        var description: String {
            switch self {
            case .file(let path): path
            case .environment(let name): "environment variable \(name)"
            }
        }
    }

    /// A value that was there but could not be used.
    struct Problem {
        var source: Source
        var message: String
    }

    private let filePath: String
    private let state = Mutex<(origins: [String: Source], problems: [String: Problem], read: Set<String>)>(([:], [:], []))

    init(filePath: String) {
        self.filePath = filePath
    }

    func report(_ event: AccessEvent) {
        let key = event.metadata.key.components.joined(separator: ".")
        var supplied: Source?
        var problem: Problem?
        for result in event.providerResults {
            let source = source(of: result.providerName, key: key)
            switch result.result {
            case .failure(let error):
                problem = problem ?? Problem(source: source, message: "\(error)")
            case .success(let lookup) where lookup.value != nil:
                supplied = supplied ?? source
            case .success:
                continue
            }
        }
        if problem == nil, let conversionError = event.conversionError, let supplied {
            problem = Problem(source: supplied, message: "\(conversionError)")
        }
        state.withLock { state in
            state.read.insert(key)
            if let origin = problem?.source ?? supplied { state.origins[key] = origin }
            state.problems[key] = problem
        }
    }

    /// Where `key` got its value, if it has one.
    func origin(of key: String) -> Source? {
        state.withLock { $0.origins[key] }
    }

    /// Every key read so far, dotted, whether it had a value or not: the keys the portal and its plugins know.
    var readKeys: Set<String> {
        state.withLock { $0.read }
    }

    /// The problem found by the most recent read of `key`.
    func problem(with key: String) -> Problem? {
        state.withLock { $0.problems[key] }
    }

    private func source(of providerName: String, key: String) -> Source {
        providerName.contains("Environment")
            ? .environment(EnvironmentVariableName.forKey(key)) : .file(filePath)
    }
}
