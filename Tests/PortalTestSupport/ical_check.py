"""Reads an iCalendar file (RFC 5545) with the icalendar library and prints its events as JSON, for the tests of
the calendar feed (SPEC V4). Exits 1 with the reason when the file does not parse, breaks a line rule, or an event
lacks UID, DTSTAMP, DTSTART or SUMMARY.

    python3 ical_check.py feed.ics
"""
import json
import sys

import icalendar


def main(path):
    raw = open(path, "rb").read()
    for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            sys.exit("line %d has %d octets" % (number, len(line)))
        if b"\n" in line or b"\r" in line:
            sys.exit("line %d has a bare CR or LF" % number)
    if not raw.endswith(b"\r\n"):
        sys.exit("the file does not end in CRLF")
    calendar = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    events = []
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if required not in event:
                sys.exit("an event has no %s" % required)
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND") if "DTEND" in event else None
        events.append({
            "uid": str(event["UID"]), "status": str(event.get("STATUS", "")), "sequence": int(event.get("SEQUENCE", 0)),
            "start": start.isoformat(), "end": end.isoformat() if end else "", "summary": str(event["SUMMARY"]),
            "location": str(event.get("LOCATION", "")), "description": str(event.get("DESCRIPTION", "")),
        })
    print(json.dumps({"name": str(calendar.get("X-WR-CALNAME", "")), "events": events}))


if __name__ == "__main__":
    main(sys.argv[1])
