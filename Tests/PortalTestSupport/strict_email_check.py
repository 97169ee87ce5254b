"""SPEC M4: reads every NNN.eml of a folder with Python's strict email parser and compares it with NNN.json.

NNN.json holds what the message must say: {"subject": "…", "from": [[name, address]], "to": [[name, address], …],
"replyTo": [[name, address]] or [], "attachments": [[file name, media type, SHA-256 hex], …]}, a name "" meaning none. Checks that every line ends in CRLF and has at most 998
octets, that the headers are exactly the expected ones (nothing typed in a name or subject started a header), that no
header has a defect, that the subject, display names and addresses read back equal the expected ones, and that the
attached files decode to the expected bytes under the expected names.

Display names are read as RFC 2047 §6.2 says: white space between two adjacent encoded words is dropped (Python's
`display_name` keeps it as a space, so the encoded words are joined from the parse tree instead).

Prints "OK <count>" and exits 0, or prints the first failing message and what is wrong and exits 1.
"""
import email
import email.policy
import hashlib
import json
import pathlib
import sys

FIXED = {"date", "from", "subject", "message-id", "mime-version", "content-type"}


def display_pieces(token):
    """The display-name's pieces in order: ("ew", decoded text) for an encoded word, else ("text", raw text)."""
    if getattr(token, "token_type", None) == "encoded-word":
        yield ("ew", str(token))
    elif isinstance(token, list):
        for child in token:
            yield from display_pieces(child)
    else:
        yield ("text", str(token))


def display_name(mailbox_token, parsed_name):
    """The mailbox's display name, adjacent encoded words joined as RFC 2047 §6.2 says."""
    names = [t for t in walk(mailbox_token) if getattr(t, "token_type", None) == "display-name"]
    if not names:
        return parsed_name
    pieces = list(display_pieces(names[0]))
    if not any(kind == "ew" for kind, _ in pieces):
        return parsed_name
    if any(kind == "text" and text.strip() for kind, text in pieces):
        raise AssertionError(f"display name mixes encoded words and plain text: {pieces!r}")
    return "".join(text for kind, text in pieces if kind == "ew")


def walk(token):
    """`token` and every token below it, depth first."""
    yield token
    if isinstance(token, list):
        for child in token:
            yield from walk(child)


def mailboxes(header):
    """[[name, address], …] of an address header, read from the strict parse."""
    return [[display_name(mailbox, mailbox.display_name or ""), mailbox.addr_spec] for mailbox in header._parse_tree.all_mailboxes]


def check(raw, expected):
    for number, line in enumerate(raw.split(b"\r\n"), 1):
        if b"\r" in line or b"\n" in line:
            raise AssertionError(f"line {number} has a bare CR or LF")
        if len(line) > 998:
            raise AssertionError(f"line {number} has {len(line)} octets")
    message = email.message_from_bytes(raw, policy=email.policy.strict)
    if message.defects:
        raise AssertionError(f"message defects: {message.defects}")
    names = [name.lower() for name in message.keys()]
    wanted = set(FIXED)
    if expected["to"]:
        wanted.add("to")
    if expected["replyTo"]:
        wanted.add("reply-to")
    if not message.is_multipart():
        wanted.add("content-transfer-encoding")
    if sorted(names) != sorted(wanted):
        raise AssertionError(f"headers {names}, expected {sorted(wanted)}")
    for name, value in message.items():
        if value.defects:
            raise AssertionError(f"{name} has defects {value.defects}")
    if str(message["Subject"]) != expected["subject"]:
        raise AssertionError(f"subject {str(message['Subject'])!r}, expected {expected['subject']!r}")
    for field, key in (("From", "from"), ("To", "to"), ("Reply-To", "replyTo")):
        got = mailboxes(message[field]) if message[field] is not None else []
        if got != expected[key]:
            raise AssertionError(f"{field} {got!r}, expected {expected[key]!r}")
    for part in message.walk():
        if not part.is_multipart():
            part.get_content()
    attachments = [
        [part.get_filename(), part.get_content_type(), hashlib.sha256(part.get_content()).hexdigest()]
        for part in (message.iter_attachments() if message.get_content_type() == "multipart/mixed" else [])
    ]
    if attachments != expected.get("attachments", []):
        raise AssertionError(f"attachments {attachments!r}, expected {expected.get('attachments', [])!r}")


def main():
    folder = pathlib.Path(sys.argv[1])
    count = 0
    for path in sorted(folder.glob("*.eml")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        try:
            check(path.read_bytes(), expected)
        except Exception as error:  # the strict policy raises on a defect: report it as a failure of this case
            print(f"FAIL {path.name}: {type(error).__name__}: {error}")
            return 1
        count += 1
    if count == 0:
        print(f"FAIL no .eml files in {folder}")
        return 1
    print(f"OK {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
