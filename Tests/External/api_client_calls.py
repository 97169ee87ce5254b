"""The API guide (Docs/BackOffice.md, "JSON API") done by an integration, through a client that openapi-python-client
generated from Docs/openapi.json: its typed functions and models only, no hand-written request.

Run by api-client.sh, which generates the package and starts a demo portal:

    python3 api_client_calls.py BASE_URL TOKEN PACKAGE DOCUMENT

Every call goes through `sync_detailed`, so the status code is checked as well as the parsed model; the client raises
on a status the document does not list for the operation (`raise_on_unexpected_status`). Every answer's JSON must
also come back unchanged from the model's `to_dict()`: a field the document does not have, or a value its model reads
differently, is a mismatch. Exits 1 with the call, the request body, the status and the answer on the first mismatch.
"""

import datetime
import importlib
import json
import os
import sys
import time
import traceback
import uuid

base, token, package, document = sys.argv[1:5]
client_package = importlib.import_module(package)
models = importlib.import_module(f"{package}.models")
types = importlib.import_module(f"{package}.types")
UNSET = types.UNSET

started = time.monotonic()
verbose = os.environ.get("API_CLIENT_VERBOSE") == "1"
checks = 0
called: set[str] = set()


class Mismatch(Exception):
    pass


def check(condition, what):
    """One assertion; `what` says what was expected, in the guide's words."""
    global checks
    checks += 1
    if not condition:
        raise Mismatch(what)


def same_json(sent, parsed, path="$"):
    """Whether the server's JSON and the model's `to_dict()` agree; instants may be written differently (Z, +00:00)."""
    if isinstance(sent, dict) and isinstance(parsed, dict):
        if sent.keys() != parsed.keys():
            return f"{path}: the answer has keys {sorted(sent)}, the model {sorted(parsed)}"
        for key in sent:
            problem = same_json(sent[key], parsed[key], f"{path}.{key}")
            if problem:
                return problem
        return None
    if isinstance(sent, list) and isinstance(parsed, list):
        if len(sent) != len(parsed):
            return f"{path}: {len(sent)} items in the answer, {len(parsed)} in the model"
        for index, (a, b) in enumerate(zip(sent, parsed, strict=True)):
            problem = same_json(a, b, f"{path}[{index}]")
            if problem:
                return problem
        return None
    if isinstance(sent, str) and isinstance(parsed, str) and sent != parsed:
        try:
            if datetime.datetime.fromisoformat(sent) == datetime.datetime.fromisoformat(parsed):
                return None
        except ValueError:
            pass
    if sent != parsed or isinstance(sent, bool) != isinstance(parsed, bool):
        return f"{path}: the answer has {sent!r}, the model {parsed!r}"
    return None


class Call:
    """The last call, for the failure message."""

    name = ""
    body = None
    response = None


def call(operation, status, model, **arguments):
    """Calls `api.<operation>.sync_detailed(client=..., **arguments)` and checks the status and the parsed model."""
    called.add(operation)
    Call.name, Call.body, Call.response = operation, arguments.get("body"), None
    function = importlib.import_module(f"{package}.api.default.{operation}").sync_detailed
    arguments.setdefault("client", client)
    response = function(**arguments)
    Call.response = response
    if verbose:
        print(f"{operation}: {int(response.status_code)} {response.content.decode(errors='replace')[:300]}")
    check(response.status_code == status, f"{operation}: status {status}, got {int(response.status_code)}")
    if model is None:
        check(response.parsed is None, f"{operation}: no body to parse")
        return None
    check(isinstance(response.parsed, model), f"{operation}: a {model.__name__}, got {type(response.parsed).__name__}")
    problem = same_json(json.loads(response.content), response.parsed.to_dict())
    check(problem is None, f"{operation}: the answer read through the {model.__name__} model changes it: {problem}")
    return response.parsed


def refused(operation, status, code, mentions=(), **arguments):
    """A call the guide says is refused: `status` with the documented error model, its `code` and a message naming
    each of `mentions` (the field, as the document names it: "An error message names the field as the document does")."""
    error = call(operation, status, models.ErrorResponse, **arguments)
    check(error.error.code == code, f"{operation}: error code {code!r}, got {error.error.code!r}")
    check(error.error.message.strip() != "", f"{operation}: an error message")
    for word in mentions:
        check(word in error.error.message, f"{operation}: the message names {word!r}: {error.error.message!r}")
    return error


client = client_package.AuthenticatedClient(base_url=base, token=token, raise_on_unexpected_status=True, timeout=30)
M = models
today = datetime.date.today()


def settings_and_portal_link():
    settings = call("get_settings", 200, M.Settings)
    check(settings.currency == "USD", "the demo account's currency is USD")
    link = call("get_portal_link", 200, M.PortalLink)
    check(link.url == f"{base}/portal/greenleaf-demo", f"the portal link is {base}/portal/greenleaf-demo: {link.url}")
    check(settings.portal_url == link.url, "settings' portalUrl is the portal link")
    change = M.SettingsChange(
        proposal_expiry_days=21,
        lead_notification_emails=["office@greenleaf.example", "crew@greenleaf.example"],
        open_invoice_when=M.OpenInvoiceRule.SENT,
        currency=M.CurrencyCode.USD,
    )
    changed = call("update_settings", 200, M.Settings, body=change)
    check(changed.proposal_expiry_days == 21, "PATCH /settings: proposalExpiryDays is 21")
    check(
        changed.lead_notification_emails == ["office@greenleaf.example", "crew@greenleaf.example"],
        f"PATCH /settings: the lead-notification list as sent: {changed.lead_notification_emails}",
    )
    check(changed.open_invoice_when == M.OpenInvoiceRule.SENT, "PATCH /settings: openInvoiceWhen is sent")
    check(
        changed.service_fee_basis_points == settings.service_fee_basis_points, "PATCH /settings: a field left out stays"
    )
    cleared = call("update_settings", 200, M.Settings, body=M.SettingsChange(lead_form_allowed_origins=None))
    check(cleared.lead_form_allowed_origins == [], "PATCH /settings: null empties a list")
    refused("update_settings", 422, "invalid", ["proposalExpiryDays"], body=M.SettingsChange(proposal_expiry_days=0))
    refused("update_settings", 422, "invalid", ["timeZone"], body=M.SettingsChange(time_zone="Mars/Olympus_Mons"))
    check(call("get_settings", 200, M.Settings).proposal_expiry_days == 21, "a refused change saves nothing")


def customers():
    page = call("list_customers", 200, M.CustomerPage, limit=2)
    check(
        len(page.data) == 2 and page.next_offset == 2,
        f"limit=2: two customers and nextOffset 2, got {page.next_offset}",
    )
    rest = call("list_customers", 200, M.CustomerPage, limit=200, offset=2)
    check(rest.next_offset is None, "the last page's nextOffset is null")
    address = M.Address(line1="7 Quarry Lane", city="Springfield", region="IL", postal_code="62711")
    new = M.NewCustomer(
        display_name="Rowan Integration",
        emails=["rowan@example.org"],
        phone="(555) 010-7788",
        billing_address=address,
        service_addresses=[address],
    )
    customer = call("create_customer", 201, M.Customer, body=new)
    check(
        customer.display_name == "Rowan Integration",
        f"the created customer's name comes back: {customer.display_name!r}",
    )
    check(
        customer.emails == ["rowan@example.org"] and customer.phone == "(555) 010-7788", "its email and phone come back"
    )
    check(customer.service_addresses[0].line1 == "7 Quarry Lane", "its service address comes back")
    check(customer.billing_address.postal_code == "62711", "its billing address comes back")
    again = call("get_customer", 200, M.Customer, id=customer.id)
    check(again.to_dict() == customer.to_dict(), "GET /customers/{id} answers the customer as created")
    found = call("list_customers", 200, M.CustomerPage, q="rowan@example")
    check([c.id for c in found.data] == [customer.id], "q finds the customer by email")
    refused(
        "create_customer",
        422,
        "invalid",
        ["displayName"],
        body=M.NewCustomer(display_name="   ", emails=["a@example.org"]),
    )
    refused(
        "create_customer",
        422,
        "invalid",
        ["emails"],
        body=M.NewCustomer(display_name="No Mail", emails=["not-an-address"]),
    )
    refused("get_customer", 404, "not_found", id="no-such-customer")
    call("invite_customer", 202, None, id=customer.id)
    refused("invite_customer", 404, "not_found", id="no-such-customer")
    portal = call("get_customer_portal", 200, M.Portal, id=customer.id)
    check(
        portal.customer_id == customer.id and portal.proposals == [] and portal.invoices == [],
        "a new customer's portal is empty",
    )
    refused("get_customer_portal", 404, "not_found", id="no-such-customer")
    return customer


def job_and_proposal(customer):
    job = call(
        "create_job",
        201,
        M.Job,
        body=M.NewJob(
            title="Backyard regrade",
            stage=M.CreatedStage.PROPOSAL,
            customer_id=customer.id,
            work_date=today + datetime.timedelta(days=30),
        ),
    )
    check(job.title == "Backyard regrade" and job.customer_id == customer.id, "the job comes back with its customer")
    check(job.created_stage == M.CreatedStage.PROPOSAL and job.stage == M.Stage.PROPOSAL, "created as a proposal")
    check(job.work_date == today + datetime.timedelta(days=30), f"its work date comes back: {job.work_date}")
    changed = call("update_job", 200, M.Job, id=job.id, body=M.JobChange(title="Backyard regrade and sod"))
    check(
        changed.title == "Backyard regrade and sod" and changed.work_date == job.work_date,
        "PATCH /jobs: the title changes, the work date left out stays",
    )
    cleared = call("update_job", 200, M.Job, id=job.id, body=M.JobChange(work_date=None))
    check(cleared.work_date in (None, UNSET), "PATCH /jobs: workDate null clears it")
    refused("update_job", 422, "invalid", ["title"], id=job.id, body=M.JobChange(title=" \t "))
    check(call("get_job", 200, M.Job, id=job.id).title == "Backyard regrade and sod", "GET /jobs/{id}: the saved title")
    refused("get_job", 404, "not_found", id="no-such-job")

    lines = [
        M.LineInput(description="Regrade and compact", quantity=1, unit_price=180_000),
        M.LineInput(description="Sod, installed (sq ft)", quantity=1200, unit_price=95),
        M.LineInput(description="Irrigation head move (optional)", quantity=3, unit_price=4_500, optional=True),
    ]
    proposal = call(
        "create_proposal",
        201,
        M.Proposal,
        body=M.NewProposal(
            job_id=job.id, title="Backyard regrade and sod", lines=lines, tax_rate_basis_points=625, deposit=M.Deposit(basis_points=3_000)
        ),
    )
    check(proposal.status == M.ProposalStatus.DRAFT and proposal.version == 1, "a new proposal is a draft, version 1")
    check(proposal.deposit.basis_points == 3_000, f"the deposit asked for comes back (F13): {proposal.deposit}")
    check(proposal.customer_id == customer.id and proposal.job_id == job.id, "it is the job's and its customer's")
    check(
        [line.amount for line in proposal.lines] == [180_000, 114_000, 13_500],
        f"line amounts: {[line.amount for line in proposal.lines]}",
    )
    check([line.optional for line in proposal.lines] == [False, False, True], "the optional line is optional")
    subtotal = 180_000 + 114_000
    check(
        proposal.total in (subtotal * 10625 // 10000, -(-subtotal * 10625 // 10000)),
        f"the total is the required lines plus 6.25 % tax: {proposal.total}",
    )
    check(
        call("get_customer_portal", 200, M.Portal, id=customer.id).proposals == [], "a draft is not in the portal (P2)"
    )
    refused(
        "create_proposal",
        422,
        "invalid",
        ["lines[0].quantity"],
        body=M.NewProposal(
            job_id=job.id, title="Zero", lines=[M.LineInput(description="Nothing", quantity=0, unit_price=100)]
        ),
    )
    refused(
        "create_proposal",
        404,
        "not_found",
        body=M.NewProposal(
            job_id="no-such-job", title="Nowhere", lines=[M.LineInput(description="Mowing", quantity=1, unit_price=100)]
        ),
    )

    sent = call("send_proposal", 200, M.Proposal, id=proposal.id)
    check(sent.status == M.ProposalStatus.SENT, f"a proposal sent has status sent: {sent.status}")
    check(isinstance(sent.sent_at, datetime.datetime), "a sent proposal has sentAt")
    check(
        isinstance(sent.expires_on, datetime.date) and 20 <= (sent.expires_on - today).days <= 22,
        f"it expires proposalExpiryDays (21) after it is sent: {sent.expires_on}",
    )
    shown = call("get_customer_portal", 200, M.Portal, id=customer.id)
    check([p.id for p in shown.proposals] == [proposal.id], "a sent proposal is in the portal (P1, P2)")

    revision = M.ProposalRevision(
        title="Backyard regrade and sod",
        tax_rate_basis_points=625,
        lines=[lines[0], M.LineInput(description="Sod, installed (sq ft)", quantity=1000, unit_price=95), lines[2]],
    )
    revised = call("revise_proposal", 200, M.Proposal, id=proposal.id, body=revision)
    check(revised.id != proposal.id and revised.version == 2, "a sent proposal revised is a new version with a new id")
    check(revised.status == M.ProposalStatus.SENT, "the new version is sent at once")
    check(revised.lines[1].amount == 95_000, "the new version has the new lines")
    check(revised.deposit.basis_points == 3_000, "a revision without a deposit keeps the proposal's (F13)")
    old = call("get_proposal", 200, M.Proposal, id=proposal.id)
    check(old.status == M.ProposalStatus.SUPERSEDED, f"the old version is superseded: {old.status}")
    check(
        [p.id for p in call("get_customer_portal", 200, M.Portal, id=customer.id).proposals] == [revised.id],
        "the portal shows the new version only",
    )
    refused("revise_proposal", 409, "conflict", id=proposal.id, body=revision)

    optional_id = revised.lines[2].id
    accepted = call(
        "accept_proposal",
        200,
        M.Proposal,
        id=revised.id,
        body=M.StaffAcceptance(signature_name="Rowan Integration", optional_line_ids=[optional_id]),
    )
    check(accepted.status == M.ProposalStatus.ACCEPTED, f"accepted: {accepted.status}")
    check(accepted.acceptance.via == M.AcceptanceChannel.STAFF, "accepted through the API is recorded as staff")
    check(accepted.acceptance.signature_name == "Rowan Integration", "the signature comes back")
    check(accepted.acceptance.chosen_optional_item_i_ds == [optional_id], "the chosen optional line comes back")
    refused("accept_proposal", 409, "conflict", id=revised.id, body=M.StaffAcceptance())
    refused("revise_proposal", 409, "conflict", id=revised.id, body=revision)
    check(call("get_job", 200, M.Job, id=job.id).stage == M.Stage.ACTIVE, "accepting moves the job to active (F9)")
    check(
        call("get_customer_portal", 200, M.Portal, id=customer.id).proposals == [],
        "an accepted proposal leaves the portal (P4)",
    )
    refused("get_proposal", 404, "not_found", id="no-such-proposal")
    refused("send_proposal", 404, "not_found", id="no-such-proposal")
    return job


def invoices_and_payments(customer, job):
    invoice = call(
        "create_invoice",
        201,
        M.Invoice,
        body=M.NewInvoice(
            customer_id=customer.id,
            job_id=job.id,
            due_date=today + datetime.timedelta(days=30),
            lines=[M.InvoiceLineInput(description="Regrade and sod", quantity=1, unit_price=40_000)],
        ),
    )
    check(
        invoice.total == 40_000 and invoice.balance == 40_000 and invoice.amount_paid == 0,
        "a new invoice owes its total",
    )
    check(
        invoice.customer_id == customer.id and invoice.job_id == job.id and not invoice.voided,
        "the invoice's customer and job",
    )
    check(invoice.number.strip() != "", "an invoice gets a number")
    check(
        call("get_customer_portal", 200, M.Portal, id=customer.id).invoices == [],
        "not sent, it is not open under openInvoiceWhen=sent (I1)",
    )
    sent = call("send_invoice", 200, M.Invoice, id=invoice.id)
    check(isinstance(sent.sent_at, datetime.datetime), "a sent invoice has sentAt")
    check(
        [i.id for i in call("get_customer_portal", 200, M.Portal, id=customer.id).invoices] == [invoice.id],
        "a sent invoice is in the portal (I1)",
    )

    key = f"api-client-{uuid.uuid4()}"
    payment = call(
        "record_payment",
        201,
        M.Payment,
        id=invoice.id,
        idempotency_key=key,
        body=M.NewPayment(amount=15_000, method=M.PaymentMethod.CHECK),
    )
    check(payment.amount == 15_000 and payment.invoice_id == invoice.id, "the payment comes back")
    check(
        payment.method == M.PaymentMethod.CHECK and payment.source == M.PaymentSource.STAFF,
        "a check, recorded by staff",
    )
    paid = call("get_invoice", 200, M.Invoice, id=invoice.id)
    check(paid.balance == 25_000 and paid.amount_paid == 15_000, f"a payment reduces the balance: {paid.balance}")
    read = call("get_payment", 200, M.Payment, id=payment.id)
    check(read.amount == 15_000 and read.refunds == [], "a payment read on its own lists its refunds: none yet")
    refused(
        "refund_payment",
        422,
        "invalid",
        ["card payment"],
        id=payment.id,
        idempotency_key=f"api-client-{uuid.uuid4()}",
        body=M.NewRefund(amount=100),
    )
    refused("get_payment", 404, "not_found", id="no-such-payment")
    retry = call(
        "record_payment",
        201,
        M.Payment,
        id=invoice.id,
        idempotency_key=key,
        body=M.NewPayment(amount=15_000, method=M.PaymentMethod.CHECK),
    )
    check(retry.id == payment.id, "a retry with the same Idempotency-Key answers the first payment")
    check(call("get_invoice", 200, M.Invoice, id=invoice.id).balance == 25_000, "…and does not pay twice")
    refused(
        "record_payment",
        409,
        "conflict",
        id=invoice.id,
        idempotency_key=key,
        body=M.NewPayment(amount=1_000, method=M.PaymentMethod.CHECK),
    )
    refused(
        "record_payment",
        422,
        "invalid",
        id=invoice.id,
        idempotency_key=f"api-client-{uuid.uuid4()}",
        body=M.NewPayment(amount=25_001, method=M.PaymentMethod.CASH),
    )
    refused("void_invoice", 409, "conflict", id=invoice.id)
    call(
        "record_payment",
        201,
        M.Payment,
        id=invoice.id,
        idempotency_key=f"api-client-{uuid.uuid4()}",
        body=M.NewPayment(amount=25_000, method=M.PaymentMethod.BANK),
    )
    settled = call("get_invoice", 200, M.Invoice, id=invoice.id)
    check(settled.balance == 0 and settled.amount_paid == 40_000, "paid in full")
    check(
        [i.id for i in call("get_customer_portal", 200, M.Portal, id=customer.id).invoices] == [invoice.id],
        "a paid invoice of today stays in the portal (I2)",
    )
    refused("get_invoice", 404, "not_found", id="no-such-invoice")
    refused(
        "record_payment",
        404,
        "not_found",
        id="no-such-invoice",
        idempotency_key=f"api-client-{uuid.uuid4()}",
        body=M.NewPayment(amount=100, method=M.PaymentMethod.CASH),
    )

    mistake = call(
        "create_invoice",
        201,
        M.Invoice,
        body=M.NewInvoice(
            customer_id=customer.id,
            number="API-CLIENT-1",
            tax_rate_basis_points=500,
            lines=[M.InvoiceLineInput(description="Wrong job", quantity=2.5, unit_price=1_000)],
        ),
    )
    check(mistake.number == "API-CLIENT-1" and mistake.total == 2_625, f"2.5 × 1000 plus 5 % tax: {mistake.total}")
    voided = call("void_invoice", 200, M.Invoice, id=mistake.id)
    check(voided.voided, "an invoice without payments is voided")
    refused("send_invoice", 409, "conflict", id=mistake.id)
    refused(
        "record_payment",
        409,
        "conflict",
        id=mistake.id,
        idempotency_key=f"api-client-{uuid.uuid4()}",
        body=M.NewPayment(amount=100, method=M.PaymentMethod.CASH),
    )
    refused(
        "create_invoice",
        404,
        "not_found",
        body=M.NewInvoice(
            customer_id="no-such-customer", lines=[M.InvoiceLineInput(description="Mowing", quantity=1, unit_price=100)]
        ),
    )
    refused(
        "create_invoice",
        422,
        "invalid",
        ["lines[0].description"],
        body=M.NewInvoice(
            customer_id=customer.id, lines=[M.InvoiceLineInput(description=" ", quantity=1, unit_price=100)]
        ),
    )
    refused("void_invoice", 404, "not_found", id="no-such-invoice")
    refused("send_invoice", 404, "not_found", id="no-such-invoice")
    check(
        [i.id for i in call("get_customer_portal", 200, M.Portal, id=customer.id).invoices] == [invoice.id],
        "a voided invoice is not in the portal (I1)",
    )


def leads(customer):
    everything = call("list_leads", 200, M.LeadPage)
    check(
        {lead.id for lead in everything.data} >= {"demo-lead-portal", "demo-lead-phone"},
        "the demo's two leads are listed",
    )
    portal_only = call("list_leads", 200, M.LeadPage, portal_lead=True)
    check(
        portal_only.data and all(lead.portal_lead for lead in portal_only.data),
        "portalLead=true lists portal leads only",
    )
    one = call("list_leads", 200, M.LeadPage, limit=1)
    check(len(one.data) == 1 and one.next_offset == 1, "limit=1: one lead and nextOffset 1")
    lead = call("get_lead", 200, M.Lead, id="demo-lead-portal")
    check(
        lead.name == "Jordan Lee" and lead.portal_lead and lead.customer_id in (None, UNSET),
        "the portal lead, unattached",
    )

    work_date = today + datetime.timedelta(days=10)
    change = M.LeadChange(
        new_customer=M.NewCustomer(display_name=lead.name, emails=[lead.email], phone=lead.phone),
        job=M.JobChange(title="Remove dead ash tree", stage=M.Stage.PROPOSAL, work_date=work_date),
    )
    converted = call("update_lead", 200, M.Lead, id=lead.id, body=change)
    check(
        isinstance(converted.customer_id, str) and converted.customer_id != "", "the lead is attached to a new customer"
    )
    check(converted.stage == M.Stage.PROPOSAL, f"its job's stage is proposal: {converted.stage}")
    created = call("get_customer", 200, M.Customer, id=converted.customer_id)
    check(
        created.display_name == "Jordan Lee" and created.emails == ["jordan.lee@example.net"],
        "the customer made from the lead",
    )
    lead_job = call("get_job", 200, M.Job, id=converted.job_id)
    check(
        lead_job.title == "Remove dead ash tree"
        and lead_job.work_date == work_date
        and lead_job.customer_id == created.id,
        "the lead's job changed with it",
    )
    check(lead_job.portal_lead, "the job stays a portal lead")

    refused(
        "update_lead",
        422,
        "invalid",
        ["customerId", "newCustomer"],
        id="demo-lead-phone",
        body=M.LeadChange(
            customer_id=customer.id, new_customer=M.NewCustomer(display_name="Both", emails=["both@example.org"])
        ),
    )
    refused(
        "update_lead",
        422,
        "invalid",
        ["title"],
        id="demo-lead-phone",
        body=M.LeadChange(customer_id=customer.id, job=M.JobChange(title="  ")),
    )
    phone_lead = call("get_lead", 200, M.Lead, id="demo-lead-phone")
    check(phone_lead.customer_id in (None, UNSET), "a refused lead change keeps nothing (saved whole or not at all)")
    attached = call("update_lead", 200, M.Lead, id="demo-lead-phone", body=M.LeadChange(customer_id=customer.id))
    check(attached.customer_id == customer.id, "the phone lead attached to an existing customer")
    refused("get_lead", 404, "not_found", id="no-such-lead")
    refused("update_lead", 404, "not_found", id="no-such-lead", body=M.LeadChange())


def visits(customer, job):
    """#23: a visit and a weekly series for the customer's job, listed by series, one moved (the client emailed), one
    completed on its day, one cancelled; the customer's portal view lists those it shows; the documented errors."""
    day = datetime.timedelta(days=1)
    window = M.ArrivalWindow(start="08:00", end="10:00")
    # Yesterday by this machine's clock is on or before the account's today in any zone: a visit done, to complete.
    visit = call(
        "create_visit",
        201,
        M.Visit,
        body=M.NewVisit(job_id=job.id, date=today - day, window=window, crew="Crew 4"),
        idempotency_key=f"visit-{uuid.uuid4()}",
    )
    check(visit.status == M.VisitStatus.SCHEDULED and visit.customer_id == customer.id, "a scheduled visit of the job's customer")
    check(visit.window.start == "08:00" and visit.crew == "Crew 4", "its window and crew come back")
    series = call(
        "create_visit_series",
        201,
        M.VisitSeries,
        body=M.NewVisitSeries(job_id=job.id, start=today + 7 * day, cadence=M.Cadence.WEEKLY, end=M.VisitSeriesEndType1(count=3)),
    )
    check(call("get_visit_series", 200, M.VisitSeries, id=series.id).cadence == M.Cadence.WEEKLY, "GET /visit-series/{id}")
    page = call("list_visits", 200, M.VisitPage, series_id=series.id, from_=today)
    dates = [v.date for v in page.data]
    check(dates == [today + 7 * day, today + 14 * day, today + 21 * day], f"the series' three weekly visits: {dates}")
    moved = call(
        "update_visit", 200, M.Visit, id=page.data[0].id, body=M.VisitChange(date=today + 8 * day, window=None), notify_client=True
    )
    check(moved.date == today + 8 * day and moved.window in (None, UNSET), "PATCH /visits: moved, any time that day")
    check(moved.sequence == 1, "a move bumps the visit's sequence")
    done = call("complete_visit", 200, M.Visit, id=visit.id)
    check(done.status == M.VisitStatus.COMPLETED and done.completed_at not in (None, UNSET), "completed, with its instant")
    refused("complete_visit", 409, "conflict", id=visit.id)
    cancelled = call("cancel_visit", 200, M.Visit, id=page.data[1].id)
    check(call("get_visit", 200, M.Visit, id=cancelled.id).status == M.VisitStatus.CANCELLED, "GET /visits/{id}: cancelled")
    refused(
        "create_visit",
        422,
        "invalid",
        ["window"],
        body=M.NewVisit(job_id=job.id, date=today, window=M.ArrivalWindow(start="10:00", end="09:00")),
    )
    refused("get_visit", 404, "not_found", id="no-such-visit")
    shown = {v.id for v in call("get_customer_portal", 200, M.Portal, id=customer.id).visits}
    check(moved.id in shown and cancelled.id not in shown, f"the portal view shows the moved visit, not the cancelled one: {shown}")


def demo_customer_portal():
    """The demo's Cece: what her portal shows under the rules (SPEC P1–P4, I1–I3) and openInvoiceWhen=sent."""
    portal = call("get_customer_portal", 200, M.Portal, id="demo-cece")
    proposals = {p.id for p in portal.proposals}
    invoices = {i.id for i in portal.invoices}
    check(
        {"demo-proposal-spring-cleanup", "demo-proposal-tree-planting", "demo-proposal-accepted-portal"} <= proposals,
        f"sent proposals of lead and proposal jobs, and one accepted in the portal, show: {sorted(proposals)}",
    )
    check(
        not proposals
        & {
            "demo-proposal-draft",
            "demo-proposal-reverted",
            "demo-proposal-declined",
            "demo-proposal-expired",
            "demo-proposal-accepted-email",
            "demo-proposal-accepted-staff",
        },
        f"drafts, jobs created active, declined, expired, accepted by link or staff do not: {sorted(proposals)}",
    )
    check(
        {"demo-invoice-1001", "demo-invoice-1004", "demo-invoice-1007"} <= invoices,
        f"unpaid and partly paid sent invoices show: {sorted(invoices)}",
    )
    check(
        not invoices & {"demo-invoice-1003", "demo-invoice-1005", "demo-invoice-1006", "demo-invoice-1008"},
        f"old paid, voided, zero and unsent invoices do not: {sorted(invoices)}",
    )


def cards_and_autopay():
    """#24: the demo's Cece has no saved card and autopay never turned on: read-only, no numbers, no tokens."""
    cards = call("list_customer_saved_cards", 200, M.SavedCards, id="demo-cece")
    check(cards.data == [], f"no saved card in the demo: {cards.data}")
    autopay = call("get_customer_autopay", 200, M.Autopay, id="demo-cece")
    check(autopay.enabled is False and autopay.customer_id == "demo-cece", "autopay is off, never turned on")
    refused("get_customer_autopay", 404, "not_found", id="no-such-customer")


def unauthorized():
    stranger = client_package.AuthenticatedClient(base_url=base, token="not-a-token", raise_on_unexpected_status=True)
    refused("get_settings", 401, "unauthorized", client=stranger)
    refused("list_customers", 401, "unauthorized", client=stranger)
    refused(
        "create_customer",
        401,
        "unauthorized",
        client=stranger,
        body=M.NewCustomer(display_name="Intruder", emails=["intruder@example.org"]),
    )


def every_operation_called():
    with open(document, encoding="utf-8") as file:
        spec = json.load(file)
    operations = {
        "".join("_" + c.lower() if c.isupper() else c for c in operation["operationId"])
        for path in spec["paths"].values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    missing = sorted(operations - called)
    check(not missing, f"every operation of the document is called; not called: {missing}")


def main():
    try:
        settings_and_portal_link()
        customer = customers()
        job = job_and_proposal(customer)
        invoices_and_payments(customer, job)
        visits(customer, job)
        leads(customer)
        demo_customer_portal()
        cards_and_autopay()
        unauthorized()
        every_operation_called()
    except Exception as error:  # a mismatch, an undocumented status, or an answer the models cannot read
        if not isinstance(error, Mismatch):
            traceback.print_exc()
        print(f"api-client: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        print(f"  last call: {Call.name}", file=sys.stderr)
        if Call.body is not None:
            print(f"  request body: {json.dumps(Call.body.to_dict(), default=str)}", file=sys.stderr)
        if Call.response is not None:
            print(
                f"  answer: {int(Call.response.status_code)} {Call.response.content.decode(errors='replace')[:2000]}",
                file=sys.stderr,
            )
        return 1
    seconds = time.monotonic() - started
    print(f"api-client: {checks} checks passed over the {len(called)} operations of the document, in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
