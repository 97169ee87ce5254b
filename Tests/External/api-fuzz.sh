#!/usr/bin/env bash
# API fuzzing: schemathesis generates requests for every operation of /api/v1/openapi.json and sends them, with a
# valid API token, to a demo portal on a free 127.0.0.1 port with a fresh SQLite store. It fails on any 5xx, any
# response that does not match the document (status, content type, headers, body schema), a request the document
# forbids being accepted, an operation that answers without the token, or a 404 for a method the API does not serve.
#
#   bash Tests/External/api-fuzz.sh                      # CI: 25 examples per operation and phase, a fixed seed
#   FUZZ_EXAMPLES=500 FUZZ_SEED=$RANDOM bash Tests/External/api-fuzz.sh   # longer, new cases each time
#
# Not checked: that every schema-valid request is accepted (`positive_data_acceptance`). The document cannot say
# every business rule (a payment of more than is due, an unknown time zone, a customer of another account), and
# those are answered 422 or 404 on purpose.
# Needs the portal built (`swift build --product portal`; PORTAL_BINARY names another) and schemathesis
# (`python3 -m pip install schemathesis`).
set -euo pipefail
cd "$(dirname "$0")/../.."

examples="${FUZZ_EXAMPLES:-25}"
seed="${FUZZ_SEED:-20261125}"
st="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/st"
source Tests/External/demo-portal.sh
token="$("$binary" token create --config "$work/portal.json" --account greenleaf-demo --name schemathesis | tail -n 1)"

status=0
"$st" --config-file Tests/External/schemathesis.toml run "$base/api/v1/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks all --exclude-checks positive_data_acceptance \
    --max-examples "$examples" --seed "$seed" \
    --no-color || status=$?
# The server must have survived the run: a crash would have answered nothing, not 5xx.
curl -sf "$base/health" > /dev/null || { echo "The portal stopped answering during the run:"; cat "$work/serve.err"; exit 1; }
exit "$status"
