"""The load benchmark: wrk against a release `portal serve` on 127.0.0.1, seeded with a large company.

For each size it seeds a fresh store (`portal seed`; SQLite, or with `--storage postgres` a database in a throwaway
PostgreSQL cluster the script starts on 127.0.0.1 and removes), starts the server, logs a client in (through the real
login email), and runs wrk against each target in turn, printing requests/s, p50 and p99 latency, the server's peak
resident memory during that target, and the ratio of its requests/s to /health's. Then the portal home is measured
again on a company 100 times smaller, where the client has the same number of invoices and proposals, to show
that its cost does not grow with the account.

    swift build -c release --product portal
    python3 Benchmarks/load.py                     # the figures in Docs/Performance.md
    python3 Benchmarks/load.py --duration 5        # quicker
    python3 Benchmarks/load.py --storage postgres  # the same on PostgreSQL (needs initdb and pg_ctl)

Prints figures; asserts nothing. Needs wrk (apt-get install wrk).
"""
import argparse
import glob
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "External"))
from login_mail import login_link  # noqa: E402  (the walk's reader of login emails)
CLIENT = "client0@example.com"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresCluster:
    """A throwaway PostgreSQL cluster, as the tests start one: `initdb` in a scratch folder, `pg_ctl start` on a free
    port of 127.0.0.1 (as the `postgres` user when run as root, which PostgreSQL refuses), removed by `stop`."""

    USER, PASSWORD = "portal", "load-benchmark"

    def __init__(self):
        # Debian keeps the server's programs off PATH, in /usr/lib/postgresql/<version>/bin: the newest first.
        folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True) + os.environ["PATH"].split(":")
        self.bin = next((f for f in folders if all(
            os.path.exists(os.path.join(f, p)) for p in ("initdb", "pg_ctl", "psql"))), None)
        if not self.bin:
            sys.exit("--storage postgres needs initdb, pg_ctl and psql (apt-get install postgresql)")
        self.folder = tempfile.mkdtemp(prefix="portal-load-pg-")
        self.data = os.path.join(self.folder, "data")
        self.port = free_port()
        self.as_postgres = os.getuid() == 0
        with open(os.path.join(self.folder, "pwfile"), "w") as f:
            f.write(self.PASSWORD)
        if self.as_postgres:
            subprocess.run(["chown", "-R", "postgres", self.folder], check=True)
        self.run("initdb", "-D", self.data, "-U", self.USER, "--pwfile", os.path.join(self.folder, "pwfile"),
                 "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8")
        self.run("pg_ctl", "-D", self.data, "-l", os.path.join(self.folder, "server.log"), "-w", "-o",
                 "-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=200" % (self.port, self.folder), "start")
        self.databases = 0

    def run(self, program, *arguments):
        prefix = ["/usr/sbin/runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run(prefix + [os.path.join(self.bin, program), *arguments], check=True, capture_output=True)

    def new_database(self):
        """The storage settings of a new, empty database in the cluster."""
        self.databases += 1
        name = "load%d" % self.databases
        self.run("psql", "-h", self.folder, "-p", str(self.port), "-U", self.USER, "-d", "postgres", "-q", "-c",
                 "CREATE DATABASE %s" % name)
        return {"driver": "postgres", "host": "127.0.0.1", "port": self.port, "database": name, "user": self.USER,
                "password": self.PASSWORD, "tls": "disable"}

    def cpu_seconds(self):
        """The cluster's CPU time so far: the postmaster's and its running children's (the pool's backends)."""
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            postmaster = int(f.readline())
        total = 0.0
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open("/proc/%s/stat" % entry) as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(entry) == postmaster or int(fields[1]) == postmaster:
                    total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def stop(self):
        self.run("pg_ctl", "-D", self.data, "-m", "fast", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


class Portal:
    """A release `portal serve` over a freshly seeded store (SQLite in a scratch folder, or a new database of
    `cluster`)."""

    def __init__(self, binary, customers, invoices, proposals, cluster=None):
        self.binary = binary
        self.cluster = cluster
        self.folder = tempfile.mkdtemp(prefix="portal-load-")
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.config = os.path.join(self.folder, "portal.json")
        storage = cluster.new_database() if cluster else {
            "driver": "sqlite", "path": os.path.join(self.folder, "portal.sqlite")}
        with open(self.config, "w") as f:
            json.dump({
                "http": {"host": "127.0.0.1", "port": self.port}, "publicBaseURL": self.base, "logLevel": "warning",
                "storage": storage,
                "mailer": {"driver": "log", "folder": os.path.join(self.folder, "mail")},
                # wrk sends thousands of login requests from one address, spread over the clients' emails.
                "login": {"requestsPerEmail": 1000, "requestsPerIP": 100000, "leadFormsPerEmail": 1000, "leadFormsPerIP": 100000,
                          "rateLimitWindowMinutes": 1},
                "outbox": {"pollSeconds": 1},
            }, f)
        started = time.time()
        self.cli("seed", "--customers", str(customers), "--invoices", str(invoices), "--proposals", str(proposals))
        self.seed_seconds = time.time() - started
        self.token = self.cli("token", "create", "--account", "bench", "--name", "load").strip().splitlines()[-1]
        self.process = subprocess.Popen(
            [binary, "serve", "--config", self.config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)

    def cli(self, *arguments):
        return subprocess.run([self.binary, *arguments, "--config", self.config], check=True, capture_output=True,
                              text=True).stdout

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- memory -----------------------------------------------------------------------------------------------------

    def reset_peak_memory(self):
        """Starts a new peak: writing 5 to clear_refs resets VmHWM (Linux 4.0 and later)."""
        with open("/proc/%d/clear_refs" % self.process.pid, "w") as f:
            f.write("5")

    def peak_memory_mb(self):
        with open("/proc/%d/status" % self.process.pid) as f:
            found = re.search(r"VmHWM:\s+(\d+) kB", f.read())
        return int(found.group(1)) / 1024

    # --- a logged-in client -----------------------------------------------------------------------------------------

    def log_in(self):
        """Logs CLIENT in through the emailed link, as a browser does; returns its Cookie header and CSRF token."""
        portal = self.base + "/portal/bench"
        opener, jar, csrf = self.browse(portal + "/login")
        asked = time.time() - 1
        opener.open(portal + "/login", urllib.parse.urlencode({"csrf": csrf, "email": CLIENT}).encode())
        link = login_link(os.path.join(self.folder, "mail"), portal, asked)
        assert link, "no login email arrived"
        opener.open(link, urllib.parse.urlencode({"csrf": csrf}).encode())
        home = opener.open(portal).read().decode()
        assert "Hello, Customer 0" in home, "the benchmark client is not logged in"
        return cookie_header(jar), csrf

    def visitor(self):
        """The Cookie header and CSRF token an anonymous visitor of the lead form has."""
        _, jar, csrf = self.browse(self.base + "/portal/bench?leadform=true")
        return cookie_header(jar), csrf

    @staticmethod
    def browse(url):
        """A new browser (an opener with its own cookie jar) that has opened `url`, and the page's CSRF token."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(url).read().decode()
        return opener, jar, re.search(r'name="csrf" value="([^"]+)"', page).group(1)

    def outbox_depth(self):
        text = urllib.request.urlopen(self.base + "/metrics").read().decode()
        return int(float(re.search(r"^portal_outbox_depth (\S+)$", text, re.M).group(1)))


def cookie_header(jar):
    return "; ".join("%s=%s" % (c.name, c.value) for c in jar)


# --- wrk --------------------------------------------------------------------------------------------------------------

POST_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = %(cookie)s
local count = 0
request = function()
  count = count + 1
  local body = string.format(%(body)s, count %% %(clients)d)
  return wrk.format(nil, nil, nil, body)
end
"""


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk(args, url, headers=(), script=None):
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", "%ds" % args.duration, "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    def seconds(text):
        found = re.match(r"([\d.]+)(us|ms|s|m)$", text)
        if not found:
            sys.exit("wrk printed a latency of %r:\n%s" % (text, output))
        number, unit = found.groups()
        return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": seconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": seconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "bad": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def measure(args, portal, name, url, headers=(), script=None):
    portal.reset_peak_memory()
    result = wrk(args, url, headers, script)
    result["name"] = name
    result["rss"] = portal.peak_memory_mb()
    return result


def server_cpu_seconds(pid):
    """The server's CPU time so far, user and system, all threads: fields 14 and 15 of /proc/PID/stat."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_request(portal, name, path, headers=(), count=3000):
    """The server's CPU per request over `count` sequential requests on one kept-alive connection, so wrk's and this
    client's CPU is not counted. On a shared machine it moves with the load less than requests/s do. With PostgreSQL,
    the cluster's CPU over the same requests too (`db_us`)."""
    connection = http.client.HTTPConnection("127.0.0.1", portal.port, timeout=30)
    fields = dict(header.split(": ", 1) for header in headers)
    database = portal.cluster.cpu_seconds if portal.cluster else (lambda: 0.0)
    def fetch():
        connection.request("GET", path, headers=fields)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            sys.exit("%s answered %d" % (path, response.status))
    for _ in range(200):
        fetch()
    before, db_before, started = server_cpu_seconds(portal.process.pid), database(), time.time()
    for _ in range(count):
        fetch()
    cpu, wall = server_cpu_seconds(portal.process.pid) - before, time.time() - started
    db = database() - db_before
    connection.close()
    return {"name": name, "cpu_us": cpu / count * 1e6, "db_us": db / count * 1e6, "wall_us": wall / count * 1e6}


def cpu_targets(args, portal, cookie):
    """CPU per request of each page target, /health first."""
    session = ["Cookie: " + cookie]
    return [
        cpu_per_request(portal, "GET /health", "/health", count=args.cpu_requests),
        cpu_per_request(portal, "portal home (logged in)", "/portal/bench", session, args.cpu_requests),
        cpu_per_request(portal, "invoice page", "/portal/bench/invoices/invoice-0", session, args.cpu_requests),
        cpu_per_request(portal, "GET /api/v1/customers/{id}/portal", "/api/v1/customers/customer-0/portal",
                        ["Authorization: Bearer " + portal.token], args.cpu_requests),
    ]


def cpu_table(results, with_database):
    health = results[0]["cpu_us"]
    database = " %14s" % "database µs/req" if with_database else ""
    print("%-36s %12s %9s %14s%s" % ("target", "CPU µs/req", "/health", "wall µs/req", database))
    for r in results:
        database = " %14.0f" % r["db_us"] if with_database else ""
        print("%-36s %12.0f %8.1f× %14.0f%s" % (r["name"], r["cpu_us"], r["cpu_us"] / health, r["wall_us"], database))


def targets(args, portal, customers, cookie, csrf):
    """Every target, /health first (the ceiling the others are compared with), the posts last."""
    session = ["Cookie: " + cookie]
    bench = portal.base + "/portal/bench"
    results = [
        measure(args, portal, "GET /health", portal.base + "/health"),
        measure(args, portal, "portal home (logged in)", bench, session),
        measure(args, portal, "invoice page", bench + "/invoices/invoice-0", session),
        measure(args, portal, "GET /api/v1/customers/{id}/portal", portal.base + "/api/v1/customers/customer-0/portal",
                ["Authorization: Bearer " + portal.token]),
    ]
    scripts = tempfile.mkdtemp(prefix="portal-wrk-")
    login = os.path.join(scripts, "login.lua")
    with open(login, "w") as f:
        f.write(POST_SCRIPT % {"cookie": lua_string(cookie), "clients": customers,
                               "body": lua_string("csrf=" + csrf + "&email=client%d%%40example.com")})
    # The lead form as an anonymous visitor sends it: only the form's CSRF cookie.
    visitor_cookie, visitor_csrf = portal.visitor()
    lead = os.path.join(scripts, "lead.lua")
    with open(lead, "w") as f:
        # Each visitor's own address: the lead form takes at most leadFormsPerEmail forms naming one (SPEC M5).
        f.write(POST_SCRIPT % {"cookie": lua_string(visitor_cookie), "clients": 100000, "body": lua_string(
            "csrf=" + visitor_csrf + "&name=Load+Visitor&email=visitor%d%%40example.org&phone=&serviceAddress=1+Main+St"
            "&services%%5B%%5D=Lawn+care&description=Weekly+mowing&preferredDate=")})
    results.append(measure(args, portal, "login form POST", bench + "/login", script=login))
    # The login emails queued above are delivered before the next target, so they do not share its CPU.
    drained = time.time()
    while portal.outbox_depth() > 0 and time.time() - drained < 600:
        time.sleep(0.5)
    results[-1]["drain"] = (time.time() - drained, results[-1]["requests"])
    results.append(measure(args, portal, "lead form POST", bench + "/request-service", script=lead))
    shutil.rmtree(scripts)
    return results


def table(results):
    health = results[0]["rps"]
    print("%-36s %10s %9s %9s %9s %8s" % ("target", "req/s", "p50 ms", "p99 ms", "peak MB", "/health"))
    for r in results:
        print("%-36s %10.0f %9.2f %9.2f %9.1f %7.0f%%" % (
            r["name"], r["rps"], r["p50"] * 1000, r["p99"] * 1000, r["rss"], 100 * r["rps"] / health))
        if r["bad"] or r["socket_errors"]:
            print("    !! %d non-2xx/3xx answers; socket errors: %s" % (r["bad"], r["socket_errors"] or "none"))
    for r in results:
        if "drain" in r:
            seconds, count = r["drain"]
            print("(the %d login emails queued by the login target were delivered in %.1f s)" % (count, seconds))


def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read())
    return "%s, %d cores, %s" % (cpu.group(1) if cpu else "unknown CPU", os.cpu_count(), os.uname().release)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/portal"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per target")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--customers", type=int, default=10000)
    parser.add_argument("--invoices", type=int, default=100000)
    parser.add_argument("--proposals", type=int, default=20000)
    parser.add_argument("--storage", choices=["sqlite", "postgres"], default="sqlite",
                        help="postgres: a throwaway cluster on 127.0.0.1, started and removed by this script")
    parser.add_argument("--cpu-requests", type=int, default=3000, help="sequential requests per CPU-per-request target")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    print("Machine: %s" % machine())
    print("wrk: %d threads, %d connections, %d s per target, on 127.0.0.1; the server is %s, storage %s" % (
        args.threads, args.connections, args.duration, os.path.relpath(args.binary, ROOT), args.storage))
    cluster = PostgresCluster() if args.storage == "postgres" else None
    try:
        run(args, cluster)
    finally:
        if cluster:
            cluster.stop()


def run(args, cluster):
    big = Portal(args.binary, args.customers, args.invoices, args.proposals, cluster)
    try:
        print("\nOne account: %d customers, %d invoices, %d proposals (seeded in %.0f s)" % (
            args.customers, args.invoices, args.proposals, big.seed_seconds))
        cookie, csrf = big.log_in()
        print("\nServer CPU per request, %d sequential requests on one connection:" % args.cpu_requests)
        cpu_table(cpu_targets(args, big, cookie), with_database=cluster is not None)
        print("\nwrk:")
        results = targets(args, big, args.customers, cookie, csrf)
        table(results)
    finally:
        big.stop()

    # The same client (10 invoices, 2 proposals) in an account 100 times smaller.
    small_customers = max(1, args.customers // 100)
    small = Portal(args.binary, small_customers, args.invoices // 100, args.proposals // 100, cluster)
    try:
        cookie, _ = small.log_in()
        measure(args, small, "warm-up", small.base + "/health")
        home = measure(args, small, "portal home", small.base + "/portal/bench", ["Cookie: " + cookie])
    finally:
        small.stop()
    large_home = results[1]
    print("\nPortal home by account size (the client has the same invoices and proposals in both):")
    print("  %6d invoices: %8.0f req/s, p99 %.2f ms" % (args.invoices // 100, home["rps"], home["p99"] * 1000))
    print("  %6d invoices: %8.0f req/s, p99 %.2f ms" % (args.invoices, large_home["rps"], large_home["p99"] * 1000))
    print("  difference in req/s: %+.1f%%" % (100 * (large_home["rps"] - home["rps"]) / home["rps"]))


if __name__ == "__main__":
    main()
