#!/usr/bin/env bash
# The systemd unit of Docs/Deployment/portal.service, checked with systemd's own `systemd-analyze verify` (Debian's
# systemd package): every directive known, every path well-formed, the command executable. Any warning fails the
# check (verify only warns about an unknown key, so a misspelled hardening line would otherwise pass in silence).
# The unit's /opt/portal/bin/portal is replaced by the built binary (PORTAL_BINARY names another).
set -euo pipefail
cd "$(dirname "$0")/../.."

binary="$(realpath "${PORTAL_BINARY:-.build/debug/portal}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed "s#/opt/portal/bin/portal#$binary#" Docs/Deployment/portal.service > "$work/portal.service"
grep -q "ExecStart=$binary serve" "$work/portal.service" || { echo "service-unit-check: no ExecStart with the portal binary"; exit 1; }

status=0
output="$(systemd-analyze verify "$work/portal.service" 2>&1)" || status=$?
if [ "$status" -ne 0 ] || [ -n "$output" ]; then
    echo "service-unit-check: systemd-analyze verify found problems in Docs/Deployment/portal.service:"
    echo "$output"
    exit 1
fi
echo "service-unit-check: Docs/Deployment/portal.service verifies cleanly"
