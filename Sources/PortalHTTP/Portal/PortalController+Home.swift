import Hummingbird
import PortalKernel

/// The client's home: proposals, invoices with filters, the customer switcher, "Request Service" (SPEC F4).
extension PortalController {
    /// Which invoices the home lists.
    enum InvoiceFilter: String, CaseIterable {
        case unpaid, paid, all

        var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

        func includes(_ invoice: Invoice) -> Bool {
            switch self {
            case .unpaid: !invoice.isPaid
            case .paid: invoice.isPaid
            case .all: true
            }
        }
    }

    /// Confirmations shown on the home after a redirect, by a fixed key (never text from the URL).
    static let notices = [
        "accepted": "Thank you: the proposal is accepted. We will be in touch to schedule the work.",
        "declined": "The proposal is declined. Thank you for letting us know.",
        "requested": "Thank you: your request is on its way. We will be in touch.",
    ]

    struct HomePage {
        struct Switcher {
            struct Choice {
                let id: String
                let name: String
                let selected: Bool
            }
            let formURL: String
            let choices: [Choice]
        }
        struct ProposalRow {
            let url: String
            let title: String
            let total: String
            let status: String
            let statusClass: String
        }
        struct InvoiceRow {
            let url: String
            let number: String
            let date: String
            let balance: String
            let status: String
            let statusClass: String
        }

        let chrome: PageChrome
        let customerName: String
        let notice: String?
        let switcher: Switcher?
        /// The next visit still planned (SPEC V1), on top.
        let nextVisit: VisitRow?
        let visitsURL: String
        /// The client's saved cards (SPEC F11).
        let paymentMethodsURL: String
        let requestServiceURL: String
        let proposals: [ProposalRow]
        let filters: [NavLink]
        let invoices: [InvoiceRow]
        let emptyInvoices: String
        /// The statement with "Pay all" (SPEC F15), when more than one invoice is open; `nil` otherwise.
        let statement: StatementLink?

        struct StatementLink {
            let url: String
            let count: Int
            let total: String
        }
    }

    func homePage(_ visit: PortalVisit, client: ClientSessions.Client) async throws -> Response {
        let view = try await portal.view(of: client.customer.id, account: visit.account)
        let customers = client.customers
        let filter = visit.request.uri.queryParameters.get("show").flatMap(InvoiceFilter.init(rawValue:)) ?? .unpaid
        let format = visit.format
        let switcher = customers.count > 1
            ? HomePage.Switcher(
                formURL: visit.path("/switch"),
                choices: customers.map { .init(id: $0.id.rawValue, name: $0.displayName, selected: $0.id == client.customer.id) })
            : nil
        let proposals = view.proposals.map { proposal in
            let accepted = proposal.status == .accepted
            return HomePage.ProposalRow(
                url: visit.path("/proposals/\(proposal.id)"), title: proposal.title,
                total: format.money { try proposal.total },
                status: accepted ? "Accepted" : "Awaiting your answer", statusClass: accepted ? "accepted" : "")
        }
        let invoices = view.invoices.filter(filter.includes).map { invoice in
            HomePage.InvoiceRow(
                url: visit.path("/invoices/\(invoice.id)"), number: invoice.number, date: format.date(invoice.invoiceDate),
                balance: format.money { try invoice.isPaid ? invoice.total : invoice.balance },
                status: invoice.isPaid ? "Paid" : "Unpaid", statusClass: invoice.isPaid ? "paid" : "unpaid")
        }
        let page = HomePage(
            chrome: visit.chrome("Your portal"), customerName: client.customer.displayName,
            notice: visit.request.uri.queryParameters.get("done").flatMap { Self.notices[String($0)] },
            switcher: switcher, nextVisit: view.nextVisit.map { visitRow($0, visit) }, visitsURL: visit.path("/visits"), paymentMethodsURL: visit.path("/payment-methods"),
            requestServiceURL: visit.path("/request-service"), proposals: proposals,
            filters: InvoiceFilter.allCases.map {
                .init(url: visit.path("?show=\($0.rawValue)"), label: $0.label, current: $0 == filter)
            },
            invoices: invoices,
            emptyInvoices: filter == .all ? "No invoices to show." : "No \(filter.rawValue) invoices.",
            statement: Self.statementLink(view.invoices, visit: visit))
        return visit.page("home", page)
    }

    /// The home's link to the statement: offered when two or more invoices are open, with their count and total; not
    /// while a stored invoice cannot be totalled (SPEC M2: the home shows that one's error, the rest as before).
    private static func statementLink(_ invoices: [Invoice], visit: PortalVisit) -> HomePage.StatementLink? {
        guard let statement = try? InvoicePayments.Statement(invoices, settings: visit.account.settings), statement.invoices.count > 1
        else { return nil }
        return HomePage.StatementLink(url: visit.path("/statement"), count: statement.invoices.count, total: visit.format.money(statement.total))
    }
}
