/// Where a plugin keeps or sends what it handles, as an operator would look for it (#21): `portal config-check`
/// prints it beside the driver's name, resolved, so a relative path in the config shows where it really points.
/// Optional: a plugin that does not adopt it is shown by its driver name alone.
public protocol PluginLocation {
    /// An absolute path (`/srv/portal/var/portal.sqlite`), or a server's address without its password
    /// (`postgres portal@db.example:5432/portal, schema public`, `smtp.example:587, STARTTLS required`).
    var location: String { get }
}
