import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalKernel
import Testing

@testable import PortalHTTP

/// #20: one error type for every use case's refusal, mapped to HTTP in one place.
@Suite("#20 one use-case error")
struct UseCaseErrorTests {
    @Test("#20: each kind of refusal has one status, and the API answers it with the kind as its code")
    func statuses() {
        let cases: [(UseCaseError, HTTPResponse.Status, String)] = [
            (.notFound("No such invoice."), .notFound, "not_found"),
            (.invalid("Add at least one line."), .unprocessableContent, "invalid"),
            (.conflict("The invoice is voided."), .conflict, "conflict"),
            (.forbidden("Admins only."), .forbidden, "forbidden"),
        ]
        for (refusal, status, code) in cases {
            #expect(refusal.status == status)
            let api = APIError(refusal)
            #expect(api.status == status && api.code == code && api.message == refusal.message)
        }
    }

    @Test("#20: a refusal about fields keeps each field's message; the API says each with its field's name, sorted by name")
    func fields() {
        let refusal = UseCaseError.invalid(fields: [SettingsForm.Field.timeZone: "Unknown zone.", .currency: "Enter a code."])
        #expect(refusal.kind == .invalid)
        #expect(refusal.message == "Enter a code. Unknown zone.")
        #expect(APIError(refusal).message == "currency: Enter a code. timeZone: Unknown zone.")
        #expect(APIError(.invalid("Line 2 needs a description.", field: "lines[1].description")).message
            == "lines[1].description: Line 2 needs a description.")
        #expect(APIError(.conflict("The invoice is voided.")).message == "The invoice is voided.")
        #expect(refusal.fields(as: SettingsForm.Field.self) == [.timeZone: "Unknown zone.", .currency: "Enter a code."])
        #expect(refusal.fields(as: LeadConversion.JobDetails.Field.self).isEmpty)
    }

    @Test("#20: a refusal about the whole form is shown on the page when it names no field the page has")
    func formErrors() {
        let errors = FormErrors(UseCaseError.notFound("No such account."), fields: SettingsForm.Field.self)
        #expect(errors.summary.map(\.message) == ["No such account."])
        let byField = FormErrors(UseCaseError.invalid(fields: [SettingsForm.Field.currency: "Enter a code."]), fields: SettingsForm.Field.self)
        #expect(byField.field["currency"]?.message == "Enter a code.")
    }

    @Test("#20: a refusal no front caught is answered with its status and message, not as a server error")
    func uncaught() async throws {
        let router = Router()
        router.get("conflict") { _, _ -> String in throw UseCaseError.conflict("The invoice is voided.") }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/conflict", method: .get) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body) == "The invoice is voided.")
            }
        }
    }
}
