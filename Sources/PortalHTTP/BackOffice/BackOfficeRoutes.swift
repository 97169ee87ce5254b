import Hummingbird
import HummingbirdAuth
import PortalKernel

/// The back office under `/admin` (#20): every route knows its staff user from ``StaffSessionAuthenticator``. The
/// login and logout are for anyone; every other page for a logged-in staff user only (``IdentityRequired`` sends
/// anyone else to the login page, which brings them back); settings and email templates for admins only
/// (hummingbird-auth's `RolePolicy`; a `staff`-role user gets the 403 page, ``AdminsOnly``). Each controller gets the
/// use cases it calls and no others.
enum BackOfficeRoutes {
    static func register(on router: Router<PortalRequestContext>, env: PortalEnvironment) {
        let front = env.front
        let admin = router.group("admin", context: StaffRequestContext.self)
            .add(middleware: StaffSessionAuthenticator(staffSessions: env.staffSessions))
        admin.addRoutes(AdminController(front: front, staffSessions: env.staffSessions).routes)

        let staffPages = admin.group().add(middleware: IdentityRequired { request, context in
            AdminVisit(request, context: context, front: front).loginRedirect()
        })
        staffPages.get { request, context in
            AdminVisit(request, context: context, front: front).redirect(to: "/admin/leads")
        }
        staffPages.addRoutes(LeadsController(front: front, leadConversion: env.leadConversion, attachedFiles: env.attachedFiles).routes)
        staffPages.addRoutes(FilesController(front: front, attachedFiles: env.attachedFiles).routes)
        staffPages.addRoutes(
            CustomersController(
                front: front, customerManagement: env.customerManagement, leadConversion: env.leadConversion, portal: env.portal,
                quoting: env.quoting, billing: env.billing, autopays: env.autopays
            ).routes)
        staffPages.addRoutes(
            VisitsController(
                front: front, visitPlanning: env.visitPlanning, customerManagement: env.customerManagement, attachedFiles: env.attachedFiles
            ).routes)
        staffPages.addRoutes(
            DocumentsController(
                front: front, quoting: env.quoting, answers: env.answers, billing: env.billing, refunds: env.refunds,
                attachedFiles: env.attachedFiles, pdfs: env.pdfs
            ).routes)
        staffPages.addRoutes(TipsController(front: front, tips: env.tips).routes)

        let adminPages = staffPages.group().add(
            middleware: AuthorizationPolicyMiddleware(
                RolePolicy<StaffSessions.Staff>(.admin), deniedError: AdminsOnly(front: front), context: StaffRequestContext.self))
        adminPages.addRoutes(SettingsController(front: front, companySettings: env.companySettings).routes)
        adminPages.addRoutes(TemplatesController(front: front, companySettings: env.companySettings).routes)
    }
}
