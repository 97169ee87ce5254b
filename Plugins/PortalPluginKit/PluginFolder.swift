import Foundation
import PortalKernel

/// A folder a plugin's setting names, made at start-up (#21): one that cannot be made stops start-up with the
/// setting's key, the folder and the system's reason, instead of Foundation's error with neither.
public enum PluginFolder {
    /// Makes `folder` and its parents, as the setting `key` (dotted, as ``ConfigurationError`` names keys) asks, each
    /// with the C library's `mkdir`, whose `errno` says why one cannot be made (Foundation's error on Linux often does
    /// not: "NSCocoaErrorDomain error 512").
    /// - Throws: `ConfigurationError.invalidValue` for `key` naming the folder and the reason (`Not a directory`,
    ///   `Permission denied`, `Read-only file system`, or a file already where a folder should be).
    public static func create(_ folder: URL, forKey key: String) throws {
        var path = folder.path.hasPrefix("/") ? "" : FileManager.default.currentDirectoryPath
        for component in folder.path.split(separator: "/") {
            path += "/" + component
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                guard isFolder.boolValue else {
                    throw ConfigurationError.invalidValue(
                        key: key, problem: "cannot create the folder \(folder.path): \(String(cString: strerror(ENOTDIR))) (\(path) is a file)")
                }
                continue
            }
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                let reason = String(cString: strerror(errno))
                throw ConfigurationError.invalidValue(key: key, problem: "cannot create the folder \(folder.path): \(reason) (at \(path))")
            }
        }
    }
}
