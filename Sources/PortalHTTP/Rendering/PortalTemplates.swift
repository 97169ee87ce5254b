import Mustache

/// The page and email templates and the stylesheet, compiled into the binary (`Resources/`).
///
/// Each file is listed here by name; `PortalTemplatesTests` checks that none is missing.
enum PortalTemplates {
    /// Page templates, by the name pages render them with.
    static let pages: [String: [UInt8]] = [
        "layout": PackageResources.layout_mustache,
        "not-found": PackageResources.not_found_mustache,
        "message": PackageResources.message_mustache,
        "login": PackageResources.login_mustache,
        "check-email": PackageResources.check_email_mustache,
        "auth-continue": PackageResources.auth_continue_mustache,
        "auth-unusable": PackageResources.auth_unusable_mustache,
        "home": PackageResources.home_mustache,
        "proposal": PackageResources.proposal_mustache,
        "invoice": PackageResources.invoice_mustache,
        "pay": PackageResources.pay_mustache,
        "receipt": PackageResources.receipt_mustache,
        "request-service": PackageResources.request_service_mustache,
        "visits": PackageResources.visits_mustache,
        "visit": PackageResources.visit_mustache,
        "payment-methods": PackageResources.payment_methods_mustache,
        "statement": PackageResources.statement_mustache,
        "card-fields": PackageResources.card_fields_mustache,
        "switch-customer": PackageResources.switch_customer_mustache,
        "admin-layout": PackageResources.admin_layout_mustache,
        "admin-message": PackageResources.admin_message_mustache,
        "admin-login": PackageResources.admin_login_mustache,
        "admin-leads": PackageResources.admin_leads_mustache,
        "admin-lead": PackageResources.admin_lead_mustache,
        "admin-settings": PackageResources.admin_settings_mustache,
        "admin-customers": PackageResources.admin_customers_mustache,
        "admin-customer": PackageResources.admin_customer_mustache,
        "admin-customer-visits": PackageResources.admin_customer_visits_mustache,
        "admin-visits": PackageResources.admin_visits_mustache,
        "admin-visit": PackageResources.admin_visit_mustache,
        "admin-document-fields": PackageResources.admin_document_fields_mustache,
        "admin-portal-view": PackageResources.admin_portal_view_mustache,
        "admin-proposal": PackageResources.admin_proposal_mustache,
        "admin-invoice": PackageResources.admin_invoice_mustache,
        "admin-timeline": PackageResources.admin_timeline_mustache,
        "admin-files": PackageResources.admin_files_mustache,
        "portal-files": PackageResources.portal_files_mustache,
        "admin-emails": PackageResources.admin_emails_mustache,
        "admin-templates": PackageResources.admin_templates_mustache,
        "admin-template": PackageResources.admin_template_mustache,
        "admin-tips": PackageResources.admin_tips_mustache,
        "form-errors": PackageResources.form_errors_mustache,
        "field-invalid": PackageResources.field_invalid_mustache,
        "field-error": PackageResources.field_error_mustache,
    ]

    /// Email templates: a text and an HTML body for each email.
    static let emails: [String: [UInt8]] = [
        "login-link-text": PackageResources.login_link_text_mustache,
        "login-link-html": PackageResources.login_link_html_mustache,
        "lead-notification-text": PackageResources.lead_notification_text_mustache,
        "lead-notification-html": PackageResources.lead_notification_html_mustache,
        "lead-confirmation-text": PackageResources.lead_confirmation_text_mustache,
        "lead-confirmation-html": PackageResources.lead_confirmation_html_mustache,
        "payment-receipt-text": PackageResources.payment_receipt_text_mustache,
        "payment-receipt-html": PackageResources.payment_receipt_html_mustache,
        "proposal-sent-text": PackageResources.proposal_sent_text_mustache,
        "proposal-sent-html": PackageResources.proposal_sent_html_mustache,
        "invoice-sent-text": PackageResources.invoice_sent_text_mustache,
        "invoice-sent-html": PackageResources.invoice_sent_html_mustache,
        "portal-invitation-text": PackageResources.portal_invitation_text_mustache,
        "portal-invitation-html": PackageResources.portal_invitation_html_mustache,
        "failed-logins-text": PackageResources.failed_logins_text_mustache,
        "failed-logins-html": PackageResources.failed_logins_html_mustache,
        "visit-request-text": PackageResources.visit_request_text_mustache,
        "visit-request-html": PackageResources.visit_request_html_mustache,
        "visit-reminder-text": PackageResources.visit_reminder_text_mustache,
        "visit-reminder-html": PackageResources.visit_reminder_html_mustache,
        "visit-changed-text": PackageResources.visit_changed_text_mustache,
        "visit-changed-html": PackageResources.visit_changed_html_mustache,
        "autopay-failed-text": PackageResources.autopay_failed_text_mustache,
        "autopay-failed-html": PackageResources.autopay_failed_html_mustache,
        "statement-receipt-text": PackageResources.statement_receipt_text_mustache,
        "statement-receipt-html": PackageResources.statement_receipt_html_mustache,
        "payment-refunded-text": PackageResources.payment_refunded_text_mustache,
        "payment-refunded-html": PackageResources.payment_refunded_html_mustache,
        "autopay-changed-text": PackageResources.autopay_changed_text_mustache,
        "autopay-changed-html": PackageResources.autopay_changed_html_mustache,
    ]

    /// `/assets/portal.css`.
    static let stylesheet: [UInt8] = PackageResources.portal_css

    /// `Docs/openapi.json` (`Resources/openapi.json` is a link to it: one copy in the repository, #20); served at
    /// `/api/v1/openapi.json` with this portal's address (``ServedAPIDocument``).
    static let openAPI: [UInt8] = PackageResources.openapi_json

    /// `/assets/admin.js`: the back office's copy buttons.
    static let adminScript: [UInt8] = PackageResources.admin_js

    /// A library of `templates`; a template that does not parse is a programming error caught by the tests.
    static func library(_ templates: [String: [UInt8]]) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, bytes) in templates {
            try library.register(String(decoding: bytes, as: UTF8.self), named: name)
        }
        return library
    }
}
