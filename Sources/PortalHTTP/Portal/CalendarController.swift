import Foundation
import Hummingbird
import PortalKernel

/// `GET /calendar/{token}.ics`: a customer's visits as an iCalendar feed their calendar app subscribes to (SPEC V4).
/// The token is the whole key: an unknown, malformed or replaced one is a plain 404. The route's parameter is not
/// one the request log shows, so the secret never reaches the log.
struct CalendarController {
    let feeds: CalendarFeeds
    let links: PortalLinks
    let clock: any PortalClock

    func register(on router: Router<PortalRequestContext>) {
        router.get("calendar/:feed") { request, context in
            let name = try context.parameters.require("feed")
            guard name.hasSuffix(".ics"), let feed = try await feeds.feed(token: String(name.dropLast(4))) else {
                return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found\n")))
            }
            let events = feed.visits.map { ICalendar.event(of: $0, in: feed, links: links) }
            let text = ICalendar.document(name: "\(feed.account.branding.displayName) visits", events: events, stamp: clock.now)
            return Self.calendar(text, filename: "visits.ics")
        }
    }

    /// An iCalendar response: `text/calendar`, never cached by a shared cache (it is one customer's schedule).
    static func calendar(_ text: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8", .contentDisposition: "inline; filename=\"\(filename)\"",
                .cacheControl: "private, max-age=300",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
