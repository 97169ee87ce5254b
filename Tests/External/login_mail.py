"""Reading a login link the way a client does: from the email the log mailer wrote as an .eml file."""
import email
import email.policy
import glob
import os
import re
import time


def login_link(mail_folder, portal_url, since, wait_seconds=20):
    """The login link (`<portal_url>/auth/<token>`) in the newest .eml under `mail_folder` written at `since` or
    later, waiting up to `wait_seconds` for the outbox to deliver it; None when none came."""
    return emailed_link(mail_folder, portal_url + "/auth/", since, wait_seconds)


def emailed_link(mail_folder, prefix, since, wait_seconds=20):
    """The first link starting with `prefix` in the newest .eml under `mail_folder` written at `since` or later,
    waiting up to `wait_seconds` for the outbox to deliver it; None when none came."""
    deadline = time.time() + wait_seconds
    while time.time() < deadline:
        for path in sorted(glob.glob(os.path.join(mail_folder, "*.eml")), reverse=True):
            if os.path.getmtime(path) < since:
                continue
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            body = message.get_body(preferencelist=("plain",)).get_content()
            found = re.search(re.escape(prefix) + r"[A-Za-z0-9_-]+", body)
            if found:
                return found.group(0)
        time.sleep(0.1)
    return None
