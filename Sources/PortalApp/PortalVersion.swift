/// Which release this build is (`portal --version`): the newest section of CHANGELOG.md, with `-dev` until it is
/// released (a test keeps the two in step).
public enum PortalVersion {
    public static let current = "2.0.0-dev"
}
