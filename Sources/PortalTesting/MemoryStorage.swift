import JSONStorage
import Logging
import PortalKernel

/// A new, empty store in memory (the `memory` storage driver): every rule of the bundled backends, nothing on disk,
/// everything gone when it is dropped. For fast tests of code that needs a `PortalStorage`; migrate it first, as
/// any store. The JSON store's engine without its files, so it passes the whole conformance suite.
public func memoryStorage(logger: Logger = Logger(label: "portal.memory-storage")) -> any PortalStorage {
    JSONStorage.inMemory(logger: logger)
}
