/// Who changed something in the back office or through the JSON API, as the audit trail records it (#20): a staff
/// user signed in to the back office, or an integration holding an API token.
public enum StaffActor: Hashable, Sendable {
    case staff(StaffUser.ID)
    case apiToken(APIToken.ID)
}
