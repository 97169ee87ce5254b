# Sourced by the outside checks: starts `portal serve --demo` on a free 127.0.0.1 port with a fresh SQLite store and
# the log mailer, waits until /health answers, and stops it (and removes its folder) when the script exits.
# Sets: binary, work (the folder: portal.json, portal.sqlite, mail/, files/, serve.out with the printed logins), port, base.
binary="${PORTAL_BINARY:-.build/debug/portal}"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
cat > "$work/portal.json" <<JSON
{"http": {"host": "127.0.0.1", "port": $port}, "publicBaseURL": "$base", "logLevel": "warning",
 "storage": {"driver": "sqlite", "path": "$work/portal.sqlite"}, "mailer": {"driver": "log", "folder": "$work/mail"},
 "files": {"folder": "$work/files"}, "outbox": {"pollSeconds": 1}}
JSON

"$binary" serve --demo --config "$work/portal.json" > "$work/serve.out" 2> "$work/serve.err" &
server=$!
stop_demo_portal() {
    kill "$server" 2> /dev/null || true
    wait "$server" 2> /dev/null || true
    rm -rf "$work"
}
trap stop_demo_portal EXIT
for _ in $(seq 1 100); do
    curl -sf "$base/health" > /dev/null && break
    kill -0 "$server" 2> /dev/null || { cat "$work/serve.err"; exit 1; }
    sleep 0.2
done
