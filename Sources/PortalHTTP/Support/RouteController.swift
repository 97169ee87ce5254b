import Hummingbird

/// A controller: the routes of one part of a front, built over only the use cases they call (#20); the router adds
/// its ``routes`` under a path, behind that front's authenticator and guards.
protocol RouteController: Sendable {
    associatedtype Context: RequestContext
    /// Adds the controller's routes, with paths relative to where the router puts them.
    func register(on routes: RouteCollection<Context>)
}

extension RouteController {
    /// The controller's routes, for `RouterMethods.addRoutes(_:atPath:)`.
    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        register(on: routes)
        return routes
    }
}
