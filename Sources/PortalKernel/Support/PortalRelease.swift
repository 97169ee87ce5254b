/// Which release this build is (`portal --version`, #21): the newest section of CHANGELOG.md, with `-dev` until it is
/// released (a test keeps the two in step). The stores record it when they migrate (`store_release`, the JSON
/// snapshot's `release`), so a refusal to run on a newer store can name the release that migrated it.
public enum PortalRelease {
    /// This build's release number (`2.0.0`, `2.0.0-dev` before it is released).
    public static let current = "2.0.0-dev"
}
