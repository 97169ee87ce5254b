#!/usr/bin/env bash
# The nginx site of Docs/Deployment.md, run as it is (Docs/Deployment/nginx-portal.conf, with only its ports and
# certificate paths changed) with Debian's nginx and a self-signed certificate in front of a demo portal whose
# publicBaseURL is nginx's https address and whose only trusted proxy is 127.0.0.1 (issue #21). The client connects
# from 127.0.0.2, so nginx sees it as another machine. Checks, through the proxy: HSTS on the answers, http redirected
# to https, a login by the emailed link (the link is https), a `Secure` session cookie, and the client's own address
# in the audit trail (read from `portal export`) although it sent a forged X-Forwarded-For with every request.
#
#   bash Tests/External/nginx-check.sh
#
# Needs the portal built (`swift build --product portal`; PORTAL_BINARY names another), nginx, openssl, curl and
# python3. nginx runs in the foreground with its own prefix, pid, logs and temporary files in a temporary folder: no
# system configuration is read or touched.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v nginx > /dev/null || { echo "nginx is not installed: apt-get install nginx"; exit 1; }
command -v openssl > /dev/null || { echo "openssl is not installed: apt-get install openssl"; exit 1; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
proxy="$(mktemp -d)"
chmod 755 "$proxy"  # nginx's workers (nobody, when started as root) read and write below it
https_port="$(free_port)"
http_port="$(free_port)"
public="https://localhost:$https_port"
portal_url="$public/portal/greenleaf-demo"
forged="203.0.113.99"

# The demo portal, told by environment variables (which override its config file) where it is seen and whom to trust.
export PORTAL_PUBLIC_BASE_URL="$public" PORTAL_HTTP_TRUSTED_PROXIES="127.0.0.1"
source Tests/External/demo-portal.sh
nginx_pid=""
stop_all() {
    if [ -n "$nginx_pid" ]; then
        kill "$nginx_pid" 2> /dev/null || true
        wait "$nginx_pid" 2> /dev/null || true
    fi
    stop_demo_portal
    rm -rf "$proxy"
}
trap stop_all EXIT
fail() {
    echo "nginx check failed: $*"
    echo "--- nginx error log"; cat "$proxy/error.log" 2> /dev/null || true
    echo "--- portal errors"; cat "$work/serve.err" 2> /dev/null || true
    exit 1
}

# A certificate for localhost and 127.0.0.1, valid for a day.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$proxy/key.pem" -out "$proxy/cert.pem" 2> /dev/null

# The site from the docs: each line changed here must exist there as written, or the docs drifted from this check.
site=Docs/Deployment/nginx-portal.conf
for line in "server 127.0.0.1:8080;" "listen 80;" "listen [::]:80;" "listen 443 ssl http2;" "listen [::]:443 ssl http2;" \
    "ssl_certificate /etc/letsencrypt/live/portal.example.com/fullchain.pem;" \
    "ssl_certificate_key /etc/letsencrypt/live/portal.example.com/privkey.pem;"; do
    grep -qF "$line" "$site" || fail "$site no longer has the line \"$line\" this check replaces"
done
sed -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$port;|" \
    -e "s|listen 80;|listen 127.0.0.1:$http_port;|" -e "/listen \[::\]:80;/d" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" -e "/listen \[::\]:443 ssl http2;/d" \
    -e "s|/etc/letsencrypt/live/portal.example.com/fullchain.pem|$proxy/cert.pem|" \
    -e "s|/etc/letsencrypt/live/portal.example.com/privkey.pem|$proxy/key.pem|" "$site" > "$proxy/site.conf"
mkdir -p "$proxy/temp"
cat > "$proxy/nginx.conf" <<CONF
worker_processes 1;
pid $proxy/nginx.pid;
error_log $proxy/error.log;
events { worker_connections 64; }
http {
    access_log $proxy/access.log;
    client_body_temp_path $proxy/temp/body;
    proxy_temp_path $proxy/temp/proxy;
    fastcgi_temp_path $proxy/temp/fastcgi;
    uwsgi_temp_path $proxy/temp/uwsgi;
    scgi_temp_path $proxy/temp/scgi;
    include $proxy/site.conf;
}
CONF
nginx_args=(-p "$proxy" -c "$proxy/nginx.conf" -e "$proxy/error.log")
nginx "${nginx_args[@]}" -t -q || fail "nginx does not accept the site"
nginx "${nginx_args[@]}" -g "daemon off;" &
nginx_pid=$!

# Every request comes from 127.0.0.2 with a forged X-Forwarded-For, and trusts only the test certificate.
client=(curl -sS --interface 127.0.0.2 --cacert "$proxy/cert.pem" -H "X-Forwarded-For: $forged" -c "$proxy/jar" -b "$proxy/jar")
for _ in $(seq 1 50); do
    "${client[@]}" -o /dev/null "$public/health" 2> /dev/null && break
    kill -0 "$nginx_pid" 2> /dev/null || fail "nginx stopped"
    sleep 0.1
done

# HSTS on every answer through https, pages and errors alike; http only redirects to https.
for path in /health /portal/greenleaf-demo/login /no/such/page; do
    headers="$("${client[@]}" -o /dev/null -D - "$public$path")"
    grep -qi "^strict-transport-security: max-age=31536000; includeSubDomains" <<< "$headers" || fail "no HSTS on $path: $headers"
done
redirect="$(curl -sS --interface 127.0.0.2 -o /dev/null -w "%{http_code} %{redirect_url}" "http://127.0.0.1:$http_port/portal/greenleaf-demo")"
[[ "$redirect" == "301 https://"* ]] || fail "http is not redirected to https: $redirect"
echo "HSTS on https answers; http redirects: $redirect"

# Log in by the emailed link, as a client does: ask for the link, read it from the mail, continue.
csrf_of() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1; }
csrf="$("${client[@]}" "$portal_url/login" | csrf_of)"
[ -n "$csrf" ] || fail "the login page has no CSRF field"
asked="$(date +%s)"
"${client[@]}" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "email=cece@example.com" "$portal_url/login"
link="$(python3 -c 'import sys; sys.path.insert(0, "Tests/External"); from login_mail import login_link; print(login_link(*sys.argv[1:3], float(sys.argv[3])) or "")' \
    "$work/mail" "$portal_url" "$((asked - 1))")"
[ -n "$link" ] || fail "no login email with a link starting $portal_url/auth/ (publicBaseURL not https?)"
csrf="$("${client[@]}" "$link" | csrf_of)"
[ -n "$csrf" ] || fail "the login link's page has no CSRF field"
answer="$("${client[@]}" -o /dev/null -D - --data-urlencode "csrf=$csrf" "$link")"
session="$(grep -i "^set-cookie: portal_session=" <<< "$answer" || true)"
[ -n "$session" ] || fail "the login link started no session: $answer"
grep -qi "; *secure" <<< "$session" || fail "the session cookie is not Secure: $session"
home="$("${client[@]}" "$portal_url")"
grep -q "Log out" <<< "$home" || fail "the portal home does not show a logged-in client"
echo "Logged in through nginx by the emailed link; session cookie: ${session%%=*}=…$(grep -io "; *secure.*" <<< "$session" | tr -d '\r')"

# The audit trail: the login is recorded with the client's own address (127.0.0.2), never the forged one nor nginx's.
"$binary" export --config "$work/portal.json" --to "$proxy/dump.json" > /dev/null
python3 - "$proxy/dump.json" "$forged" <<'PY' || fail "the audit trail does not hold the client's own address"
import json, sys
dump = json.load(open(sys.argv[1]))
def find(value, key):
    """Every list stored under `key` anywhere in the dump."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, list):
                yield v
            else:
                yield from find(v, key)
    elif isinstance(value, list):
        for v in value:
            yield from find(v, key)
events = [event for found in find(dump, "auditEvents") for event in found]
logins = [event for event in events if event.get("action") == "loggedIn"]
addresses = sorted({event.get("ipAddress") for event in events})
print("Audit trail addresses:", addresses, "- logins:", len(logins))
assert logins and all(event.get("ipAddress") == "127.0.0.2" for event in logins), logins
assert sys.argv[2] not in addresses and "127.0.0.1" not in addresses, addresses
PY
echo "nginx check passed"
