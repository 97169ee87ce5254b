/// SPEC M4: how much typed text may end up in an email's headers. Forms and commands refuse more, with a clear
/// message, where it is typed; ``MIMEMessage`` still folds whatever it is given (a record saved before the limits).
/// The limits are far above what a real company uses (Docs/Decisions.md). Lengths count Unicode scalars, not
/// characters as shown: one shown character can carry thousands of combining marks.
public enum EmailLimits {
    /// Characters of a company (account) name, which subjects and greetings show.
    public static let accountNameCharacters = 200
    /// Addresses that get an account's lead notifications.
    public static let leadNotificationRecipients = 20
    /// Contact addresses of one customer, which all get the customer's emails.
    public static let customerEmails = 10
    /// Characters of a subject rendered from a template; a longer one is cut and ends in "…".
    public static let subjectCharacters = 250

    /// `rendered` (a template's subject) as one subject line: its lines trimmed and joined by a space, and cut to
    /// ``subjectCharacters`` with a closing "…" when longer, so the email still goes out.
    public static func subjectLine(_ rendered: String) -> String {
        let line = rendered.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        guard line.unicodeScalars.count > subjectCharacters else { return line }
        var kept = ""
        for character in line {
            guard kept.unicodeScalars.count + character.unicodeScalars.count < subjectCharacters else { break }
            kept.append(character)
        }
        return kept.trimmingCharacters(in: .whitespaces) + "…"
    }
}
