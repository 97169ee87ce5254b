import Foundation
import PortalKernel
import Testing

/// Input read exactly or refused: the cases a newcomer's attack found reading wrongly.
@Suite("Typed input read exactly")
struct TypedInputTests {
    @Test("Numbers typed in forms are read whole or refused, never as a prefix (1,000 was read as 1)")
    func typedNumbers() {
        #expect(TypedNumber.read("1,000", fractionDigits: 4) == 1_000)
        #expect(TypedNumber.read(" 2.5 ", fractionDigits: 4) == Decimal(string: "2.5"))
        #expect(TypedNumber.read("12,345.0001", fractionDigits: 4) == Decimal(string: "12345.0001"))
        #expect(TypedNumber.read(".5", fractionDigits: 4) == Decimal(string: "0.5"))
        for refused in ["1/2", "1,5", "1E2", "1e-20", "1.2.3", "0.00001", "-1", "", ".", "１２", "1,0,0", "12,50"] {
            #expect(TypedNumber.read(refused, fractionDigits: 4) == nil, "\(refused)")
        }
        #expect(SettingsForm.basisPoints("1.2.3") == nil)
        #expect(SettingsForm.basisPoints("8.25") == 825)
    }

    @Test("M2: a quantity with more than four decimals is refused, so no line shows 0 and bills nothing")
    func quantityDecimals() {
        #expect(LineInput.hasQuantityDecimals(Decimal(string: "0.0001")!))
        #expect(!LineInput.hasQuantityDecimals(Decimal(string: "1e-20")!))
        #expect(!LineInput.hasQuantityDecimals(Decimal(string: "2.00005")!))
    }

    @Test("M4: an address that is not printable ASCII is refused, since every email to it would be invalid")
    func asciiAddresses() {
        #expect(EmailAddress.isValid("cece@example.com"))
        #expect(EmailAddress.isValid("o'neil+lawn@example.co.uk"))
        for refused in ["ü@exämple.com", "ｊｏ@example.net", "jo\u{202E}@example.net", "jo@exa mple.com", "jo@example"] {
            #expect(!EmailAddress.isValid(refused), "\(refused)")
        }
    }

    @Test("M4: lengths count Unicode scalars: one letter with thousands of combining marks is not one character")
    func combiningMarks() {
        let heavy = "Z" + String(repeating: "\u{0301}", count: 9_000)
        #expect(heavy.count == 1)
        #expect(EmailLimits.subjectLine(heavy + " Lawn care").unicodeScalars.count <= EmailLimits.subjectCharacters)
        let subject = EmailLimits.subjectLine(String(repeating: "é\u{0301} ", count: 400))
        #expect(subject.unicodeScalars.count <= EmailLimits.subjectCharacters)
        #expect(subject.hasSuffix("…"))
    }
}
