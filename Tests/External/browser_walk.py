"""The portal walked in a real browser (Chromium through Selenium), as its users walk it.

A client on a 390x844 phone with JavaScript off: portal link -> login -> the login email, read from the log mailer's
.eml file -> "Continue to your portal" -> home -> accept a proposal with an optional item ticked and a typed
signature -> the deposit's pay page, the whole amount and back -> pay an invoice with the sandbox's success card,
saving it -> receipt -> pay another invoice with the saved card and a 15 % tip -> payment methods, autopay on and off ->
the statement, every open invoice paid at once -> the visits: skip one, pause the series for
three weeks -> log out -> the lead form as an anonymous
visitor -> submit. Then staff on a desktop: back-office login -> the lead has the "Portal Lead" tag and the check
mark -> "Add New Customer" -> "Update & Close".

Every step asserts what the page shows; on every portal page nothing may be wider than the phone
(document.documentElement.scrollWidth <= the viewport's width). A PNG of each screen is saved to --screens.

Run through Tests/External/browser-walk.sh, which starts the portal.
"""
import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from login_mail import login_link

PHONE = (390, 844)


class Walk:
    def __init__(self, args):
        self.args = args
        self.base = args.base.rstrip("/")
        self.portal = self.base + "/portal/greenleaf-demo"
        os.makedirs(args.screens, exist_ok=True)
        self.step = 0

    # --- browsers -------------------------------------------------------------------------------------------------

    # Where the phone saves what it downloads (the invoice's PDF).
    downloads = tempfile.mkdtemp(prefix="walk-downloads-")

    @staticmethod
    def browser(phone):
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars", "--lang=en-US"):
            options.add_argument(flag)
        if phone:
            # Headless Chromium makes no window narrower than 500 px; device emulation gives a 390 px viewport.
            # Without touch: an emulated tap on a submit button never returns while page JavaScript is off.
            options.add_experimental_option(
                "mobileEmulation", {"deviceMetrics": {"width": PHONE[0], "height": PHONE[1], "pixelRatio": 2, "touch": False}})
            # Page JavaScript off; WebDriver's own execute_script still runs, to measure the page.
            # Downloads go to a folder without asking, a PDF too (not opened in the viewer).
            options.add_experimental_option("prefs", {
                "profile.managed_default_content_settings.javascript": 2, "download.default_directory": Walk.downloads,
                "download.prompt_for_download": False, "plugins.always_open_pdf_externally": True})
        else:
            options.add_argument("--window-size=1366,900")
        driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
        driver.set_page_load_timeout(30)
        return driver

    # --- checks ---------------------------------------------------------------------------------------------------

    def text(self, driver):
        return driver.find_element(By.TAG_NAME, "body").text

    def expect(self, driver, *phrases):
        body = self.text(driver)
        for phrase in phrases:
            if phrase not in body:
                self.fail(driver, "expected %r on %s; the page says:\n%s" % (phrase, driver.current_url, body[:1500]))

    def fits_phone(self, driver):
        """Nothing on the page is wider than the phone: tables reflow instead of scrolling sideways.

        A page wider than the device makes mobile Chromium widen its layout viewport to fit it, so both the document's
        scroll width and the viewport's width must stay at the phone's.
        """
        scroll, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        if max(scroll, inner) > PHONE[0]:
            wide = driver.execute_script(
                "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right"
                " > arguments[0] + 0.5).slice(-3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')"
                " + ' ' + Math.round(e.getBoundingClientRect().right) + ' px').join(', ')", PHONE[0])
            self.fail(driver, "%s is %d px wide on a %d px phone (too wide: %s)" % (
                driver.current_url, max(scroll, inner), PHONE[0], wide))

    def shot(self, driver, name, phone_page=True):
        if phone_page:
            self.fits_phone(driver)
        self.step += 1
        path = os.path.join(self.args.screens, "%02d-%s.png" % (self.step, name))
        driver.save_screenshot(path)
        print("  %-40s %s" % (name, driver.title))

    def fail(self, driver, message):
        driver.save_screenshot(os.path.join(self.args.screens, "failed.png"))
        print("FAILED: " + message, file=sys.stderr)
        sys.exit(1)

    def press(self, driver, label):
        """Clicks the button (or link) that reads `label`, and waits for the page it leads to."""
        for element in driver.find_elements(By.XPATH, "//button | //a"):
            if element.text.strip() == label:
                self.follow(driver, element)
                return
        self.fail(driver, "no button %r on %s" % (label, driver.current_url))

    @staticmethod
    def follow(driver, element):
        """Clicks `element` and waits until the page it was on has been replaced."""
        page = driver.find_element(By.TAG_NAME, "html")
        element.click()

        def replaced(_driver):
            try:
                page.is_enabled()
                return False
            except StaleElementReferenceException:
                return True
            except WebDriverException as error:
                # Chromium sometimes reports a replaced page's node this way instead of as stale.
                if "does not belong to the document" in str(error):
                    return True
                raise

        WebDriverWait(driver, 20).until(replaced)

    # --- the client, on a phone -----------------------------------------------------------------------------------

    def client(self):
        driver = self.browser(phone=True)
        try:
            driver.get(self.portal)
            self.expect(driver, "Send Login Link")
            self.shot(driver, "portal-login")
            asked_at = time.time() - 1
            driver.find_element(By.ID, "email").send_keys(self.args.client_email)
            self.press(driver, "Send Login Link")
            self.expect(driver, "Check your email")
            self.shot(driver, "check-your-email")

            link = login_link(self.args.mail, self.portal, asked_at)
            if not link:
                self.fail(driver, "no login email in %s" % self.args.mail)
            driver.get(link)
            self.expect(driver, "Continue to your portal")
            self.shot(driver, "continue-to-portal")
            self.press(driver, "Continue to your portal")
            self.expect(driver, "Hello, Cece Cunningham", "Spring clean-up and mulch")
            self.shot(driver, "portal-home")

            self.follow(driver, driver.find_element(By.LINK_TEXT, "Spring clean-up and mulch"))
            self.expect(driver, "Spring clean-up and mulch", "Optional")
            self.shot(driver, "proposal")
            total_before = driver.find_element(By.CSS_SELECTOR, "table.totals").text
            driver.find_element(By.CSS_SELECTOR, "input[name='optional[]']").click()
            self.press(driver, "Update total")
            if not driver.find_element(By.CSS_SELECTOR, "input[name='optional[]']").is_selected():
                self.fail(driver, "the optional item is not ticked after Update total")
            if driver.find_element(By.CSS_SELECTOR, "table.totals").text == total_before:
                self.fail(driver, "the total did not change with the optional item: %s" % total_before)
            driver.find_element(By.ID, "signature").send_keys("Cece Cunningham")
            driver.find_element(By.CSS_SELECTOR, "input[name='consent']").click()
            self.shot(driver, "proposal-accept")
            self.press(driver, "Accept proposal")
            self.deposit(driver)

            driver.get(self.portal)
            self.pay_an_invoice(driver)

            driver.get(self.portal)
            self.pay_with_saved_card(driver)

            driver.get(self.portal)
            self.visits(driver)

            driver.get(self.portal)
            self.press(driver, "Log out")
            self.expect(driver, "Send Login Link")
            self.shot(driver, "logged-out")
            driver.get(self.portal)
            self.expect(driver, "Send Login Link")

            self.lead_form(driver)
        finally:
            driver.quit()

    def deposit(self, driver):
        """#24 (F13): accepting a proposal with a deposit goes straight to paying it; the client looks at paying the
        whole amount instead, and goes back to the deposit (paid later with the rest of the walk's payments)."""
        self.expect(driver, "Pay invoice", "This is the deposit")
        self.shot(driver, "deposit-pay")
        self.follow(driver, driver.find_element(By.XPATH, "//main//button[starts-with(normalize-space(), 'Pay the whole')]"))
        self.expect(driver, "Pay only the deposit")
        self.shot(driver, "deposit-whole")
        self.follow(driver, driver.find_element(By.XPATH, "//main//button[starts-with(normalize-space(), 'Pay only the deposit')]"))
        self.expect(driver, "This is the deposit")

    def visits(self, driver):
        """#23 on the phone: home -> "Your visits" -> the first visit of the weekly series still open -> "Skip this
        visit"; then the next open one -> pause the series for three weeks, typing the last day into the date field."""
        self.press(driver, "Your visits")
        self.expect(driver, "Your visits", "Coming up")
        self.shot(driver, "visits")
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a[href*='/visits/demo-visit-mowing-']")]
        open_visits = []
        for url in links:
            driver.get(url)
            if any(b.text.strip() == "Skip this visit" for b in driver.find_elements(By.TAG_NAME, "button")):
                open_visits.append(url)
        if len(open_visits) < 2:
            self.fail(driver, "fewer than two visits open to a skip among %s" % links)
        driver.get(open_visits[0])
        self.shot(driver, "visit")
        self.press(driver, "Skip this visit")
        self.expect(driver, "Skipped")
        self.shot(driver, "visit-skipped")

        driver.get(open_visits[1])
        first = driver.find_element(By.ID, "from").get_attribute("value")
        last = datetime.date.fromisoformat(first) + datetime.timedelta(days=21)
        field = driver.find_element(By.ID, "to")
        field.send_keys(last.strftime("%m%d%Y"))
        if field.get_attribute("value") != last.isoformat():
            self.fail(driver, "the date field reads %r after typing %s" % (field.get_attribute("value"), last))
        self.shot(driver, "visit-pause")
        self.press(driver, "Pause my visits")
        self.expect(driver, "Skipped", "Resume my visits")
        self.shot(driver, "visits-paused")

    def open_payable_invoice(self, driver, deposit=True):
        """From the home, the first invoice with Pay Now (not a deposit invoice, when `deposit` is false: a tip is not
        offered on a deposit)."""
        invoices = [a.get_attribute("href") for a in driver.find_elements(By.PARTIAL_LINK_TEXT, "Invoice ")]
        for url in invoices:
            driver.get(url)
            if driver.find_elements(By.LINK_TEXT, "Pay Now") and (deposit or "Deposit: " not in self.text(driver)):
                return
        self.fail(driver, "no invoice with Pay Now among %s" % invoices)

    def pay_an_invoice(self, driver):
        self.open_payable_invoice(driver)
        self.shot(driver, "invoice")
        self.download_pdf(driver)
        self.press(driver, "Pay Now")
        self.expect(driver, "Pay invoice")
        driver.find_element(By.ID, "name").send_keys("Cece Cunningham")
        driver.find_element(By.ID, "number").send_keys("4242 4242 4242 4242")
        driver.find_element(By.ID, "expiry").send_keys("12/30")
        driver.find_element(By.ID, "cvc").send_keys("123")
        driver.find_element(By.CSS_SELECTOR, "input[name='saveCard']").click()
        self.shot(driver, "pay")
        self.follow(driver, driver.find_element(By.XPATH, "//main//button[starts-with(normalize-space(), 'Pay $')]"))
        self.expect(driver, "Payment receipt", "Your payment was received")
        self.shot(driver, "receipt")

    def download_pdf(self, driver):
        """Downloads the invoice's PDF on the phone (#25): a PDF whose text names the invoice the page shows."""
        heading = driver.find_element(By.TAG_NAME, "h1").text.split("\n")[0].strip()
        number = re.sub(r"\s+(Paid|Unpaid)$", "", heading)
        driver.find_element(By.LINK_TEXT, "Download PDF").click()
        deadline = time.time() + 30
        saved = []
        while time.time() < deadline and not saved:
            time.sleep(0.2)
            saved = [name for name in os.listdir(self.downloads) if name.endswith(".pdf")]
        if not saved:
            self.fail(driver, "no PDF was downloaded from %s" % driver.current_url)
        path = os.path.join(self.downloads, saved[0])
        with open(path, "rb") as pdf:
            if not pdf.read(5) == b"%PDF-":
                self.fail(driver, "%s is not a PDF" % saved[0])
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
        if number not in text:
            self.fail(driver, "the downloaded PDF does not name %r: %s" % (number, text[:400]))
        print("Downloaded %s: %d bytes, naming %s" % (saved[0], os.path.getsize(path), number))

    def pay_with_saved_card(self, driver):
        """#24 (F11, F12): the card saved with the first payment pays another invoice with one press, nothing typed; the
        payment methods page lists it as the default; autopay goes on under the wording shown, and off."""
        self.open_payable_invoice(driver, deposit=False)
        self.press(driver, "Pay Now")
        saved = driver.find_elements(By.CSS_SELECTOR, "input[name='paymentMethod']:checked")
        if not saved or saved[0].get_attribute("value") == "new":
            self.fail(driver, "the saved card is not chosen on the pay page")
        self.expect(driver, "Visa ending 4242", "Add a tip for the crew (Crew 2)?")
        # F14: a 15 % tip; the changed charge comes back to confirm, the saved card still chosen, then one press pays.
        driver.find_element(By.CSS_SELECTOR, "input[name='tip'][value='15']").click()
        self.shot(driver, "pay-saved-card")
        self.follow(driver, driver.find_element(By.XPATH, "//main//button[starts-with(normalize-space(), 'Pay $')]"))
        self.expect(driver, "and a", "tip charges your card")
        self.shot(driver, "pay-tip-confirm")
        self.follow(driver, driver.find_element(By.XPATH, "//main//button[starts-with(normalize-space(), 'Pay $')]"))
        self.expect(driver, "Payment receipt", "Visa ending 4242", "Tip for the crew")
        self.shot(driver, "receipt-saved-card")
        driver.get(self.portal)
        self.press(driver, "Payment methods")
        self.expect(driver, "Visa ending 4242", "Default")
        self.shot(driver, "payment-methods")
        # F12: autopay on under the wording shown, then off at once.
        driver.find_element(By.ID, "agree").click()
        self.press(driver, "Turn on autopay")
        self.expect(driver, "Autopay is on.")
        self.shot(driver, "autopay-on")
        self.press(driver, "Turn off autopay")
        self.expect(driver, "Autopay is off")
        self.shot(driver, "autopay-off")
        # F15: every invoice still open, paid with one press from the statement.
        driver.get(self.portal)
        self.follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Pay all"))
        self.expect(driver, "Your statement", "Total owed")
        self.shot(driver, "statement")
        self.follow(driver, driver.find_element(By.XPATH, "//main//button[starts-with(normalize-space(), 'Pay all')]"))
        self.expect(driver, "every invoice is paid", "Nothing to pay")
        self.shot(driver, "statement-paid")

    def lead_form(self, driver):
        driver.get(self.portal + "?leadform=true")
        self.expect(driver, "Request service")
        driver.find_element(By.ID, "name").send_keys(self.args.lead_name)
        driver.find_element(By.ID, "email").send_keys("jordan.walker@example.org")
        driver.find_element(By.ID, "phone").send_keys("(217) 555-0199")
        driver.find_element(By.ID, "serviceAddress").send_keys("77 Birch Lane, Springfield, IL 62704")
        driver.find_element(By.CSS_SELECTOR, "input[name='services[]']").click()
        driver.find_element(By.ID, "description").send_keys("Two oaks overhang the garage; please quote trimming.")
        # F17: a phone photo with its location, chosen in the file field (the form is multipart, no JavaScript).
        driver.find_element(By.ID, "photos").send_keys(self.phone_photo())
        self.shot(driver, "lead-form")
        self.press(driver, "Send request")
        self.expect(driver, "Thank you, your request is on its way")
        self.shot(driver, "lead-sent")

    def phone_photo(self):
        """A JPEG as a phone takes it: taken on its side, with a GPS position (Pillow, installed by .ci/run)."""
        from PIL import Image
        path = os.path.join(tempfile.mkdtemp(prefix="walk-photo-"), "oak-on-its-side.jpg")
        exif = Image.Exif()
        exif[0x0112] = 6
        exif[0x8825] = {1: "N", 2: (39.0, 47.0, 3.0), 3: "W", 4: (89.0, 39.0, 1.0)}
        image = Image.new("RGB", (640, 480), (40, 120, 40))
        image.paste((90, 60, 30), (0, 0, 320, 480))
        image.save(path, "JPEG", exif=exif)
        return os.path.abspath(path)

    # --- staff, on a desktop --------------------------------------------------------------------------------------

    def staff(self):
        driver = self.browser(phone=False)
        try:
            driver.get(self.base + "/admin")
            driver.find_element(By.ID, "email").send_keys(self.args.admin_email)
            driver.find_element(By.ID, "password").send_keys(self.args.admin_password)
            self.press(driver, "Log in")
            driver.get(self.base + "/admin/leads")
            self.expect(driver, self.args.lead_name)
            row = driver.find_element(By.XPATH, "//tr[.//a[normalize-space()='%s']]" % self.args.lead_name)
            if "Portal Lead" not in row.text or "✓" not in row.text:
                self.fail(driver, "the lead's row lacks the Portal Lead tag or the check mark: %r" % row.text)
            tag = row.find_element(By.CSS_SELECTOR, ".tag.portal-lead")
            if not self.is_green(tag):
                self.fail(driver, "the Portal Lead tag is not green: %s" % tag.value_of_css_property("background-color"))
            self.shot(driver, "backoffice-leads", phone_page=False)

            self.follow(driver, row.find_element(By.LINK_TEXT, self.args.lead_name))
            self.expect(driver, self.args.lead_name, "Add New Customer", "Photo 1.jpg")
            thumbnail = driver.find_element(By.CSS_SELECTOR, "img.thumbnail")
            size = driver.execute_script("return [arguments[0].naturalWidth, arguments[0].naturalHeight]", thumbnail)
            if not size or size[0] <= 0 or size[0] >= size[1]:
                self.fail(driver, "the lead's photo thumbnail did not load upright (portrait): %r" % (size,))
            self.shot(driver, "backoffice-lead", phone_page=False)
            self.press(driver, "Add New Customer")
            self.expect(driver, "Attached to %s" % self.args.lead_name, "Update & Close")
            self.shot(driver, "backoffice-lead-customer", phone_page=False)
            self.press(driver, "Update & Close")
            self.expect(driver, "Leads")
            self.shot(driver, "backoffice-closed", phone_page=False)
        finally:
            driver.quit()

    @staticmethod
    def is_green(element):
        """Whether the element's background (or, if that is clear, its text) is mostly green."""
        for prop in ("background-color", "color"):
            numbers = [int(n) for n in re.findall(r"\d+", element.value_of_css_property(prop))[:3]]
            if len(numbers) == 3 and numbers != [0, 0, 0]:
                red, green, blue = numbers
                if green > red and green > blue:
                    return True
        return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--mail", required=True, help="the log mailer's folder")
    parser.add_argument("--screens", required=True)
    parser.add_argument("--admin-email", required=True)
    parser.add_argument("--admin-password", required=True)
    parser.add_argument("--client-email", default="cece@example.com")
    parser.add_argument("--lead-name", default="Jordan Walker")
    args = parser.parse_args()
    walk = Walk(args)
    print("Client on a %dx%d phone, JavaScript off:" % PHONE)
    walk.client()
    print("Staff on a desktop:")
    walk.staff()
    print("Browser walk passed; screens in %s" % args.screens)


if __name__ == "__main__":
    main()
