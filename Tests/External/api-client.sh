#!/usr/bin/env bash
# A client generated from the API document does what the API guide (Docs/BackOffice.md, "JSON API") says an
# integration does: openapi-python-client generates a Python package from Docs/openapi.json into a temporary folder,
# and api_client_calls.py calls every operation of the document through its typed functions and models against a
# demo portal on a free 127.0.0.1 port with a fresh SQLite store: settings and the portal link, a customer, a job, a
# proposal sent, revised and accepted, invoices sent, paid (a retried Idempotency-Key pays once) and voided, the
# visits and a series scheduled, moved, completed and cancelled, the leads, the customer's portal view, and the
# documented errors (401, 404, 409, 422 with the error model). It fails on
# any answer that is not as the guide and the document say, and on any warning of the generator about the document.
#
#   bash Tests/External/api-client.sh
#
# Needs the portal built (`swift build --product portal`; PORTAL_BINARY names another) and the generator
# (`python3 -m pip install openapi-python-client==0.29.1`, the version .ci/run installs).
set -euo pipefail
cd "$(dirname "$0")/../.."

python3 -m openapi_python_client --version 2> /dev/null || {
    echo "openapi-python-client is not installed: python3 -m pip install openapi-python-client==0.29.1"; exit 1; }
# The generator formats what it wrote with ruff, installed beside it.
PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$PATH"

client_dir="$(mktemp -d)"
trap 'rm -rf "$client_dir"' EXIT
# With --meta none the output folder is the package itself: client_portal_api, imported from $client_dir. A schema the
# generator cannot read is a warning, and the client would lack it: --fail-on-warning, and any warning printed, fail.
status=0
python3 -m openapi_python_client generate --path Docs/openapi.json --output-path "$client_dir/client_portal_api" \
    --meta none --fail-on-warning > "$client_dir/generate.log" 2>&1 || status=$?
if [ "$status" -ne 0 ] || grep -qi "warning" "$client_dir/generate.log"; then
    echo "openapi-python-client did not generate a clean client from Docs/openapi.json (exit $status):"
    cat "$client_dir/generate.log"
    exit 1
fi

source Tests/External/demo-portal.sh
# demo-portal.sh's trap stops the portal; remove the client's folder too.
trap 'stop_demo_portal; rm -rf "$client_dir"' EXIT
token="$("$binary" token create --config "$work/portal.json" --account greenleaf-demo --name api-client | tail -n 1)"

status=0
PYTHONPATH="$client_dir${PYTHONPATH:+:$PYTHONPATH}" python3 Tests/External/api_client_calls.py \
    "$base" "$token" client_portal_api Docs/openapi.json || status=$?
if [ "$status" -ne 0 ]; then
    echo "The portal's error log:"
    cat "$work/serve.err"
fi
exit "$status"
