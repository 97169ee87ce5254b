import Foundation
import PortalKernel

/// Sample data for each email, for the template editor's preview, and the variables each email offers.
enum EmailSamples {
    /// The variables of `kind`, as the editor lists them (each also under `object.`).
    static let variables: [EmailTemplate.Kind: [String]] = [
        .loginLink: ["link", "minutes"],
        .proposalSent: ["customer.name", "proposal.title", "proposal.total", "proposal.expiresOn", "proposal.deposit", "link"],
        .invoiceSent: ["customer.name", "invoice.number", "invoice.total", "invoice.balance", "invoice.dueDate", "invoice.deposit"],
        .paymentReceipt: [
            "customer.name", "invoice.number", "invoice.balance", "payment.amount", "payment.serviceFee", "payment.tip",
            "payment.charged", "payment.card", "payment.reference", "receiptURL",
        ],
        .leadNotification: [
            "lead.name", "lead.email", "lead.phone", "lead.serviceAddress", "lead.services", "lead.preferredDate",
            "lead.description", "leadURL", "photos",
        ],
        .leadConfirmation: ["lead.name", "lead.email", "lead.serviceAddress", "lead.services", "lead.description", "lead.proven"],
        .portalInvitation: ["customer.name"],
        .failedLogins: ["user.name", "user.email", "attempts", "minutes", "address", "loginURL"],
        .visitRequest: [
            "customer.name", "visit.date", "visit.window", "visit.crew", "request.summary", "request.details", "customerURL",
        ],
        .visitReminder: ["customer.name", "visit.date", "visit.window", "visit.crew", "visit.work", "visit.note", "visitURL"],
        .autopayFailed: ["customer.name", "invoice.number", "invoice.balance", "reason", "toStaff", "link"],
        .visitChanged: [
            "customer.name", "visit.date", "visit.window", "visit.crew", "visit.work", "visit.note", "change.summary", "change.details",
            "change.cancelled", "visitURL",
        ],
        .autopayChanged: ["customer.name", "autopay.on", "autopay.wording", "autopay.agreedAt", "autopay.agreedBy", "autopay.offAt", "link"],
        .statementReceipt: ["customer.name", "count", "invoices", "serviceFee", "charged", "card", "reference", "statementURL"],
        .paymentRefunded: [
            "customer.name", "invoice.number", "invoice.balance", "payment.charged", "payment.card", "refund.total", "refund.amount",
            "refund.extras", "refund.reference", "invoiceURL",
        ],
    ]

    /// An email of `kind` from `account` about sample records.
    static func email(_ kind: EmailTemplate.Kind, account: Account, links: PortalLinks, now: Date) -> PortalEmail {
        let customer = Customer(accountID: account.id, displayName: "Cece Sample", emails: ["cece@example.com"])
        let today = account.today(at: now)
        let lines = [LineItem(description: "Spring clean-up", quantity: 1, unitPrice: Money(cents: 38_000))]
        let invoice = Invoice(
            accountID: account.id, customerID: customer.id, number: "INV-1042", invoiceDate: today, dueDate: today.adding(days: 30),
            lineItems: lines, amountPaid: Money(cents: 10_000), createdAt: now)
        switch kind {
        case .loginLink:
            return .loginLink(account: account, link: links.login(account, token: SecretToken(value: "sample-token")), validMinutes: 20)
        case .proposalSent:
            let proposal = Proposal(
                accountID: account.id, jobID: .random(), customerID: customer.id, title: "Spring clean-up and mulch", lineItems: lines,
                deposit: .percentage(basisPoints: 3_000), status: .sent, expiresOn: today.adding(days: account.settings.proposalExpiryDays), createdAt: now)
            return .proposalSent(account: account, customer: customer, proposal: proposal, link: links.proposal(token: SecretToken(value: "sample-token")))
        case .invoiceSent:
            var deposit = invoice
            deposit.deposit = InvoiceDeposit(proposalID: .random(), amount: Money(cents: 38_000), wholeAmount: Money(cents: 126_700))
            return .invoiceSent(account: account, customer: customer, invoice: deposit)
        case .paymentReceipt:
            let payment = Payment(
                accountID: account.id, invoiceID: invoice.id, amount: Money(cents: 10_000), serviceFee: Money(cents: 300), tip: Money(cents: 1_500),
                method: .card,
                source: .portal, gatewayReference: "sandbox_sample", card: CardSummary(brand: "Visa", last4: "4242"), receivedAt: now)
            return .paymentReceipt(
                account: account, customer: customer, invoice: invoice, payment: payment, receiptURL: links.receipt(account, payment: payment.id))
        case .leadNotification, .leadConfirmation:
            let lead = Lead(
                accountID: account.id, jobID: .random(), portalLead: true, name: "Jordan Rivers", email: "jordan@example.net",
                phone: "555-0142", serviceAddress: "9 Birch Rd, Springfield, IL 62704", servicesWanted: ["Tree care"],
                description: "A dead ash leaning over the drive.", preferredDate: today.adding(days: 10), submittedAt: now)
            return kind == .leadNotification
                ? .leadNotification(
                    account: account, lead: lead, leadURL: links.backOfficeLead(lead.id),
                    photoURLs: [links.backOfficeFile(.random()), links.backOfficeFile(.random())])
                : .leadConfirmation(account: account, lead: lead, addressProven: true)
        case .portalInvitation:
            return .portalInvitation(account: account, customer: customer)
        case .failedLogins:
            let user = StaffUser(accountID: account.id, name: "Alex Sample", email: "alex@example.com", passwordHash: "", role: .admin)
            return .failedLogins(account: account, user: user, attempts: 10, minutes: 15, latestAddress: "203.0.113.9")
        case .visitRequest:
            let visit = Visit(
                accountID: account.id, jobID: .random(), customerID: customer.id, date: today.adding(days: 7),
                window: ArrivalWindow(start: LocalTime(hour: 8, minute: 0)!, end: LocalTime(hour: 10, minute: 0)!), crew: "Crew 2",
                createdAt: now)
            let request = Visit.RescheduleRequest(
                preferredDates: [today.adding(days: 9), today.adding(days: 10)], note: "Mornings suit us best.", requestedAt: now)
            return .visitRequest(
                account: account, customer: customer, visit: visit, request: .reschedule(request), customerURL: links.backOfficeCustomer(customer.id))
        case .visitReminder:
            let visit = sampleVisit(account: account, customer: customer, on: today.adding(days: 1), now: now)
            return .visitReminder(account: account, customer: customer, visit: visit, jobTitle: "Weekly mowing", visitURL: links.visit(account, visit.id))
        case .autopayFailed:
            return .autopayFailed(
                account: account, customer: customer, invoice: invoice, reason: "Your card has insufficient funds. Nothing was charged.",
                toStaff: false, link: "\(links.portal(account))/invoices/\(invoice.id)")
        case .autopayChanged:
            let autopay = Autopay(
                accountID: account.id, customerID: customer.id, enabled: true,
                wording: "I authorise \(account.branding.displayName) to charge my default card on file (now Visa ending 4242, expires 12/2030) the full balance of each of my invoices on its due date.",
                consentedAt: now, consentedBy: "cece@example.com", ipAddress: nil, userAgent: nil)
            return .autopayChanged(account: account, customer: customer, autopay: autopay, link: links.paymentMethods(account))
        case .statementReceipt:
            let second = Invoice(
                accountID: account.id, customerID: customer.id, number: "INV-1043", invoiceDate: today, lineItems: lines, createdAt: now)
            let paid = [invoice, second].map { item in
                (invoice: item, payment: Payment(
                    accountID: account.id, invoiceID: item.id, amount: Money(cents: 28_000), serviceFee: Money(cents: 840), method: .card, source: .portal,
                    gatewayReference: "sandbox_sample", card: CardSummary(brand: "Visa", last4: "4242"), receivedAt: now))
            }
            return .statementReceipt(account: account, customer: customer, paid: paid, statementURL: links.statement(account))
        case .paymentRefunded:
            let payment = Payment(
                accountID: account.id, invoiceID: invoice.id, amount: Money(cents: 10_000), serviceFee: Money(cents: 300), method: .card,
                source: .portal, gatewayReference: "sandbox_sample", card: CardSummary(brand: "Visa", last4: "4242"), receivedAt: now)
            let refund = Refund(
                accountID: account.id, paymentID: payment.id, invoiceID: invoice.id, amount: Money(cents: 10_000), serviceFee: Money(cents: 300),
                tip: .zero, gatewayReference: "sandbox_refund_sample", idempotencyKey: "sample", refundedBy: nil, refundedAt: now)
            return .paymentRefunded(
                account: account, customer: customer, invoice: invoice, payment: payment, refund: refund,
                invoiceURL: links.invoice(account, invoice: invoice.id))
        case .visitChanged:
            let visit = sampleVisit(account: account, customer: customer, on: today.adding(days: 3), now: now)
            return .visitChanged(
                account: account, customer: customer, visit: visit, change: .moved(date: today.adding(days: 1), window: nil),
                jobTitle: "Weekly mowing", visitURL: links.visit(account, visit.id))
        }
    }

    /// A sample visit on `date`, 8 to 10 in the morning, with a crew and a note.
    private static func sampleVisit(account: Account, customer: Customer, on date: CalendarDate, now: Date) -> Visit {
        Visit(
            accountID: account.id, jobID: .random(), customerID: customer.id, date: date,
            window: ArrivalWindow(start: LocalTime(hour: 8, minute: 0)!, end: LocalTime(hour: 10, minute: 0)!), crew: "Crew 2",
            clientNote: "Please leave the side gate open.", createdAt: now)
    }
}
