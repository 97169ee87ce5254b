#!/usr/bin/env bash
# The real-browser walk (Tests/External/browser_walk.py): Debian's chromium and chromium-driver, driven by selenium,
# against a demo portal on a free 127.0.0.1 port with a fresh SQLite store. Fails on the first step whose page does
# not show what it should, or on a portal page wider than the 390 px phone.
#
#   bash Tests/External/browser-walk.sh                    # screens go to a temporary folder, removed afterwards
#   bash Tests/External/browser-walk.sh /tmp/screens       # keeps every screen there
#   bash Tests/External/browser-walk.sh --readme           # refreshes the README's three, in Docs/Screens
#
# Needs the portal built (`swift build --product portal`), `apt-get install chromium chromium-driver` and
# `python3 -m pip install selenium`.
set -euo pipefail
cd "$(dirname "$0")/../.."

source Tests/External/demo-portal.sh
screens="$work/screens"
[ "${1:-}" = "--readme" ] || screens="${1:-$screens}"
admin_line="$(grep "Admin login:" "$work/serve.out")"
admin_email="$(awk '{print $3}' <<< "$admin_line")"
admin_password="$(awk '{print $5}' <<< "$admin_line")"

python3 Tests/External/browser_walk.py --base "$base" --mail "$work/mail" --screens "$screens" \
    --admin-email="$admin_email" --admin-password="$admin_password"  # "=": a password may start with "-"
if [ "${1:-}" = "--readme" ]; then
    mkdir -p Docs/Screens
    cp "$screens"/*-portal-home.png Docs/Screens/portal-home.png
    cp "$screens"/*-proposal-accept.png Docs/Screens/proposal-accept.png
    cp "$screens"/*-backoffice-leads.png Docs/Screens/backoffice-leads.png
    echo "Docs/Screens refreshed"
fi
