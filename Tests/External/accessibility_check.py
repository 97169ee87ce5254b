"""Accessibility and HTML checks of every page, in a real browser (issue #18).

Chromium (through Selenium) visits every portal and back-office page a crawl from the start pages reaches, logged in
as a client (through the log mailer's login email) and as staff (with the demo's printed login), plus the login,
lead-form and "Page not found" pages and each form's error state (the proposal accept form with nothing filled in,
a declined card, refused settings...). On each page it runs axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) at a
390 px phone width and at a desktop width, first with the demo's accent colour, then with the lightest accent colour
the settings accept (the suggestion the settings give for a light green, saved through the back office). Every
violation is printed; any makes the run fail.

Each page's HTML as the server sent it is saved to --html, for the Nu HTML checker (run by accessibility-check.sh).

Run through Tests/External/accessibility-check.sh, which starts the portal and fetches axe-core.
"""
import argparse
import os
import re
import sys
import time
from urllib.error import HTTPError
from urllib.parse import urldefrag, urlencode, urlparse
from urllib.request import Request, urlopen

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from login_mail import login_link, emailed_link

PHONE = (390, 844)
DESKTOP = (1366, 900)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Links a crawl never follows: they change state, leave the site, or are files rather than pages.
SKIP = re.compile(r"/logout$|/theme\.css$|/assets/|\.pdf$|^mailto:|^tel:")
# The leads list's filters combine; one of each is enough (the others are the same page with other rows).
SAME_PAGE = re.compile(r"/admin/leads\?source=(portal|other)&status=(?!all)")
LIGHT_GREEN = "#8bc34a"


class Check:
    def __init__(self, args):
        self.args = args
        self.base = args.base.rstrip("/")
        self.portal = self.base + "/portal/greenleaf-demo"
        self.axe = open(args.axe, encoding="utf-8").read()
        os.makedirs(args.html, exist_ok=True)
        self.saved = set()
        self.violations = []
        self.checked = 0
        self.client_cookies = None
        self.staff_cookies = None
        self.proposal_link = None

    # --- browsers -------------------------------------------------------------------------------------------------

    @staticmethod
    def browser(size):
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US"):
            options.add_argument(flag)
        if size == PHONE:
            # Headless Chromium makes no window narrower than 500 px; device emulation gives a 390 px viewport.
            options.add_experimental_option(
                "mobileEmulation", {"deviceMetrics": {"width": PHONE[0], "height": PHONE[1], "pixelRatio": 2, "touch": False}})
        else:
            options.add_argument("--window-size=%d,%d" % size)
        driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(60)
        return driver

    def with_cookies(self, driver, cookies):
        driver.get(self.base + "/health")
        for cookie in cookies:
            driver.add_cookie({k: cookie[k] for k in ("name", "value", "path", "secure", "httpOnly", "sameSite") if k in cookie})

    # --- the checks on one page -----------------------------------------------------------------------------------

    def audit(self, driver, name, pass_name, form=None, html=None):
        """Runs axe on the page shown, and saves its HTML as the server sends it: fetched again by GET, or, for a
        form's answer, by posting `form` (``resubmit``) again."""
        driver.execute_script(self.axe)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\n/g, ' '))}))))"
            ".catch(e => done('axe failed: ' + e));", TAGS)
        if isinstance(result, str):
            self.fail(result + " on " + driver.current_url)
        self.checked += 1
        for violation in result:
            self.violations.append((pass_name, name, driver.current_url, violation))
        status = "ok" if not result else "%d violation(s)" % len(result)
        print("  %-9s %-34s %s" % (pass_name, name, status))
        key = name
        if key not in self.saved:
            html = html or self.fetch(driver, form)
            path = os.path.join(self.args.html, "%03d-%s.html" % (len(self.saved) + 1, re.sub(r"[^A-Za-z0-9]+", "-", name)))
            with open(path, "w", encoding="utf-8") as f:
                f.write(html)
            self.saved.add(key)

    @staticmethod
    def resubmit(form_selector, **overrides):
        """The form shown, to post again as the browser did (with `overrides`) for the page's HTML."""
        return form_selector, overrides

    @staticmethod
    def fetch(driver, form):
        """The HTML the server sends for the page shown (a GET), or for `form` posted again, with the browser's
        cookies and user agent (the pages' Content-Security-Policy keeps a script in the page from fetching)."""
        cookies = "; ".join("%s=%s" % (c["name"], c["value"]) for c in driver.get_cookies())
        headers = {"Cookie": cookies, "User-Agent": driver.execute_script("return navigator.userAgent")}
        url, data = driver.current_url, None
        if form:
            selector, overrides = form
            url, fields = driver.execute_script(
                "const f = document.querySelector(arguments[0]); return [f.action, Array.from(new FormData(f).entries())];", selector)
            fields = [(k, v) for k, v in fields if k not in overrides] + list(overrides.items())
            data = urlencode(fields).encode()
        try:
            with urlopen(Request(url, data=data, headers=headers)) as response:
                return response.read().decode("utf-8")
        except HTTPError as error:
            return error.read().decode("utf-8")

    def fail(self, message):
        print("FAILED: " + message, file=sys.stderr)
        sys.exit(1)

    def visit(self, driver, url):
        driver.get(url)
        if "Page not found" in driver.title and not url.endswith("/no-such-page"):
            self.fail("%s is not found" % url)

    def crawl(self, driver, start, prefix, pass_name, limit=80):
        """Every page under `prefix` reachable by links from `start` (up to `limit`), each audited."""
        seen, queue = set(), [start]
        while queue and len(seen) < limit:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            self.visit(driver, url)
            path = urlparse(url)
            self.audit(driver, path.path + ("?" + path.query if path.query else ""), pass_name)
            for link in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
                href = urldefrag(link.get_attribute("href") or "")[0]
                if href.startswith(self.base + prefix) and not SKIP.search(href) and not SAME_PAGE.search(href) and href not in seen:
                    queue.append(href)

    def submit(self, driver, form_selector, fields, checks=(), button=None):
        """Fills `fields` (id -> text; None clears) in the form, submits it, and waits for the next page."""
        self.fill(driver, form_selector, fields, checks)
        self.press(driver, form_selector, button)

    @staticmethod
    def fill(driver, form_selector, fields, checks=()):
        """Types `fields` (id -> text; None clears) and ticks the `checks` selectors in the form."""
        for field, value in fields.items():
            element = driver.find_element(By.ID, field)
            element.clear()
            if value:
                element.send_keys(value)
        for selector in checks:
            driver.find_element(By.CSS_SELECTOR, selector).click()

    def press(self, driver, form_selector, button=None):
        """Submits the form with its `button` (its first submit button), and waits for the next page."""
        form = driver.find_element(By.CSS_SELECTOR, form_selector)
        driver.execute_script("arguments[0].noValidate = true", form)  # the server's errors are what is checked
        target = form.find_element(By.CSS_SELECTOR, button or "button[type=submit]")
        page = driver.find_element(By.TAG_NAME, "html")
        target.click()
        for _ in range(200):
            try:
                page.is_enabled()
            except Exception:
                return
            time.sleep(0.1)
        self.fail("the form %s on %s did not submit" % (form_selector, driver.current_url))

    # --- the passes -----------------------------------------------------------------------------------------------

    def log_in_client(self):
        driver = self.browser(DESKTOP)
        driver.get(self.portal)
        asked_at = time.time() - 1
        self.fill(driver, "main form", {"email": self.args.client_email})
        html = self.fetch(driver, self.resubmit("main form"))  # the answer page has no form to post again
        self.press(driver, "main form")
        self.audit(driver, "check your email", "demo", html=html)
        link = login_link(self.args.mail, self.portal, asked_at)
        if not link:
            self.fail("no login email in %s" % self.args.mail)
        driver.get(link)
        self.audit(driver, "auth-continue", "demo")
        self.submit(driver, "main form", {})
        if "Hello," not in driver.page_source:
            self.fail("the login link did not log in: " + driver.current_url)
        self.client_cookies = driver.get_cookies()
        driver.quit()

    def log_in_staff(self):
        """Logs staff in, and sends the demo's draft proposal, whose emailed link (`/p/…`) the passes then visit."""
        driver = self.browser(DESKTOP)
        driver.get(self.base + "/admin/login")
        self.submit(driver, "main form", {"email": self.args.admin_email, "password": self.args.admin_password})
        self.staff_cookies = driver.get_cookies()
        sent_at = time.time() - 1
        self.visit(driver, self.base + "/admin/proposals/demo-proposal-draft")
        self.submit(driver, "form[action$='/send']", {})
        self.proposal_link = emailed_link(self.args.mail, self.base + "/p/", sent_at)
        if not self.proposal_link:
            self.fail("no proposal email in %s" % self.args.mail)
        driver.quit()

    def anonymous(self, driver, pass_name):
        self.visit(driver, self.portal)
        self.audit(driver, "portal login", pass_name)
        self.submit(driver, "main form", {"email": None})
        self.audit(driver, "portal login: error", pass_name, self.resubmit("main form"))
        self.visit(driver, self.portal + "?leadform=true")
        self.audit(driver, "lead form", pass_name)
        self.submit(driver, "main form", {"name": None, "email": "not-an-address"})
        self.audit(driver, "lead form: errors", pass_name, self.resubmit("main form"))
        for name, url in (("portal 404", self.portal + "/no-such-page"), ("admin 404", self.base + "/admin/no-such-page"),
                          ("site 404", self.base + "/no-such-page"), ("used login link", self.portal + "/auth/unknownToken0123456789abcdefghijklmnopqrstu")):
            self.visit(driver, url)
            self.audit(driver, name, pass_name)
        self.visit(driver, self.portal + "?leadform=true")
        visitor = {"name": "Jordan Walker", "email": "jordan.%s@example.org" % pass_name, "serviceAddress": "77 Birch Lane",
                   "description": "Two oaks overhang the garage."}
        self.fill(driver, "main form", visitor, checks=("input[name='services[]']",))
        # The thanks page has no form to post again: its HTML comes from a twin request, sent first.
        html = self.fetch(driver, self.resubmit("main form", email="jordan.%s.twin@example.org" % pass_name))
        self.press(driver, "main form")
        self.audit(driver, "lead form: sent", pass_name, html=html)
        self.visit(driver, self.proposal_link)
        self.audit(driver, "emailed proposal link", pass_name)
        self.submit(driver, "form[action$='/accept']", {"signature": None}, button="button[value=accept]")
        self.audit(driver, "emailed proposal link: both errors", pass_name, self.resubmit("form[action$='/accept']", intent="accept"))
        self.visit(driver, self.base + "/admin/login")
        self.audit(driver, "admin login", pass_name)
        self.submit(driver, "main form", {"email": "nobody@example.com", "password": "not the password"})
        self.audit(driver, "admin login: error", pass_name, self.resubmit("main form"))

    def client(self, driver, pass_name):
        self.with_cookies(driver, self.client_cookies)
        self.crawl(driver, self.portal, "/portal/greenleaf-demo", pass_name)
        self.visit(driver, self.portal + "/request-service")
        self.audit(driver, "request service (logged in)", pass_name)
        proposal = self.open_proposal(driver)
        if proposal:
            form = "form[action$='/accept']"
            self.submit(driver, form, {"signature": None}, button="button[value=accept]")
            self.audit(driver, "proposal accept: both errors", pass_name, self.resubmit(form, intent="accept"))
        self.declined_card(driver, pass_name)

    def open_proposal(self, driver):
        self.visit(driver, self.portal)
        for url in [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='/proposals/']")]:
            self.visit(driver, url)
            if driver.find_elements(By.ID, "signature"):
                return url
        return None

    def unpaid_invoice(self, driver):
        self.visit(driver, self.portal)  # unpaid invoices by default
        for url in [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='/invoices/']")]:
            self.visit(driver, url)
            pay = driver.find_elements(By.LINK_TEXT, "Pay Now")
            if pay:
                return pay[0].get_attribute("href")
        return None

    def declined_card(self, driver, pass_name):
        url = self.unpaid_invoice(driver)
        if not url:
            return
        self.visit(driver, url)
        card = {"name": "Cece Cunningham", "number": "4000 0000 0000 0002", "expiry": "12/30", "cvc": "123"}
        self.submit(driver, "main form", card)
        self.audit(driver, "pay: card declined", pass_name,
                   self.resubmit("main form", cardNumber="4000 0000 0000 0002", securityCode="123"))

    def staff(self, driver, pass_name):
        self.with_cookies(driver, self.staff_cookies)
        self.crawl(driver, self.base + "/admin/leads", "/admin/", pass_name, limit=80)
        self.visit(driver, self.base + "/admin/settings")
        self.submit(driver, "form[action='/admin/settings']", {"accentColor": LIGHT_GREEN, "leadNotificationEmails": "not an address"})
        self.audit(driver, "settings: errors", pass_name, self.resubmit("form[action='/admin/settings']"))
        self.visit(driver, self.base + "/admin/templates/loginLink")
        self.submit(driver, "main form.card", {"subject": "{{#unclosed}}", "text": "{{/stray}}"}, button="button[value=save]")
        self.audit(driver, "template: errors", pass_name, self.resubmit("main form.card", intent="save"))
        self.staff_errors(driver, pass_name)

    def staff_errors(self, driver, pass_name):
        """The back office's other forms, refused: a new customer with no name, a line price that cannot be read, a
        visit with no date (scheduled or changed), a payment amount that cannot be read."""
        self.visit(driver, self.base + "/admin/leads/demo-lead-portal")
        if driver.find_elements(By.ID, "newName"):
            self.submit(driver, "form[action$='/customer']", {"newName": None, "newEmail": "not an address"})
            self.audit(driver, "lead: new customer errors", pass_name, self.resubmit("form[action$='/customer']"))
        self.visit(driver, self.base + "/admin/customers/demo-cece")
        self.submit(driver, "form[action$='/invoices']", {"d1-i": "Trim", "p1-i": "12,50,0"})
        self.audit(driver, "customer: invoice line error", pass_name, self.resubmit("form[action$='/invoices']"))
        self.visit(driver, self.base + "/admin/customers/demo-cece/visits")
        self.submit(driver, "form[action$='/visits']", {"date": None})
        self.audit(driver, "customer visits: schedule errors", pass_name, self.resubmit("form[action$='/visits']", date=""))
        visit = "/admin/visits/demo-visit-mowing-5"
        self.visit(driver, self.base + visit)
        self.submit(driver, "form[action='%s']" % visit, {"date": None})
        self.audit(driver, "visit: change errors", pass_name, self.resubmit("form[action='%s']" % visit, date=""))
        self.visit(driver, self.base + "/admin/invoices/demo-invoice-1001")
        self.submit(driver, "form[action$='/payments']", {"amount": "a lot"})
        self.audit(driver, "invoice: payment error", pass_name, self.resubmit("form[action$='/payments']"))

    def lightest_accent(self):
        """Saves, through the back office, the colour the settings suggest for a light green: the lightest of its hue
        they accept. Returns it."""
        driver = self.browser(DESKTOP)
        try:
            self.with_cookies(driver, self.staff_cookies)
            self.visit(driver, self.base + "/admin/settings")
            self.submit(driver, "form[action='/admin/settings']", {"accentColor": LIGHT_GREEN})
            found = re.search(r"Try (#[0-9a-f]{6}), the nearest colour", driver.page_source)
            if not found:
                self.fail("the settings accepted %s or gave no suggestion" % LIGHT_GREEN)
            self.submit(driver, "form[action='/admin/settings']", {"accentColor": found.group(1)})
            if "Settings updated." not in driver.page_source:
                self.fail("the settings refused their own suggestion %s" % found.group(1))
            return found.group(1)
        finally:
            driver.quit()

    def run(self):
        self.log_in_client()
        self.log_in_staff()
        for pass_name in ("demo", "lightest"):
            if pass_name == "lightest":
                print("The lightest accent the settings accept for %s: %s" % (LIGHT_GREEN, self.lightest_accent()))
            for size in (PHONE, DESKTOP):
                label = "%s-%d" % (pass_name, size[0])
                print("%s accent, %d px wide:" % (pass_name, size[0]))
                for part in (self.anonymous, self.client, self.staff):
                    driver = self.browser(size)  # a fresh profile: no cached theme.css from the pass before
                    try:
                        part(driver, label)
                    finally:
                        driver.quit()
        print("axe-core: %d page checks, %d violations; %d pages saved for the HTML checker" % (
            self.checked, len(self.violations), len(self.saved)))
        for pass_name, name, url, violation in self.violations:
            print("VIOLATION [%s] %s (%s): %s (%s) %s" % (pass_name, name, url, violation["id"], violation["impact"], violation["help"]))
            for node in violation["nodes"][:10]:
                print("    " + node)
        if self.violations:
            sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--mail", required=True, help="the log mailer's folder")
    parser.add_argument("--axe", required=True, help="axe.min.js")
    parser.add_argument("--html", required=True, help="where each page's HTML is saved")
    parser.add_argument("--admin-email", required=True)
    parser.add_argument("--admin-password", required=True)
    parser.add_argument("--client-email", default="cece@example.com")
    Check(parser.parse_args()).run()


if __name__ == "__main__":
    main()
