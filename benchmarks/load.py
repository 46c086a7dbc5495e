"""Load benchmark: the site under gunicorn with production settings, driven by wrk.

    make benchmark                      # or: .venv/bin/python benchmarks/load.py
    make benchmark-postgres             # the same on PostgreSQL and Redis
    .venv/bin/python benchmarks/load.py --duration 20 --workers 4 --concurrency 1 8 32

What it does, in a throwaway data folder that is removed afterwards:
migrates, loads the demo, collects static files, starts gunicorn on
127.0.0.1 with ``leerkring.settings.production`` (the requests say
``X-Forwarded-Proto: https``, as the TLS proxy would, with
``BEHIND_TLS_PROXY=true``), logs in as the demo participant through the real
login form, then runs wrk against each page in ``PAGES`` at each
concurrency. It prints requests per second, p50/p95/p99 latency, each
page's ratio to the ceiling (a trivial view on the same server), and the
gunicorn workers' memory.

The stack is the embedded one (SQLite, the file cache), whatever the shell
says. With ``--stack environment`` it is the one DATABASE_URL and
CACHE_BACKEND/CACHE_LOCATION name, and the demo is loaded into that database:
``make benchmark-postgres`` runs the script so inside tests/with_postgres.sh
and tests/with_redis.sh, which start a throwaway PostgreSQL cluster and Redis
server and set those variables.

Only 127.0.0.1 is ever contacted. Nothing here asserts timings: the figures
go in the README's Performance section by hand.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
DEMO_EMAIL = "participant@example.org"
DEMO_PASSWORD = "leerkring-demo"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    login: bool = True  # request it with the demo participant's session
    expect: str = ""  # a text the page must contain (checked once, before the run)


# The ceiling: a view on the same server that touches no database.
CEILING = Page("robots.txt (ceiling)", "/robots.txt", login=False, expect="Disallow")
# The pages to measure (paths of the demo content).
PAGES = [
    Page("home", "/nl/", expect="Welkom, Sofie"),
    Page("lesson", "/nl/leren/circulair-aankopen-de-basis/wat-is-circulair-aankopen/",
         expect="Wat is circulair aankopen?"),
    Page("library", "/nl/bibliotheek/", expect="Bibliotheek"),
    Page("forum question", "/nl/forum/question/1/", expect="refurbished laptops"),
    Page("catalogue", "/nl/projecten/", expect="Projecten op de circulaire ambitiekaart"),
    Page("search", "/nl/zoeken/?q=circulair", expect="resultaten voor"),
    Page("member directory", "/nl/leden/", expect="Lotte Vermeulen"),
    # The participant's own team: its inside (members, meetings, minutes, questions).
    Page("team", "/nl/teams/ict/", expect="Kick-off: refurbished laptops in het bestek"),
]

# The writers' run: participants answering a forum question and registering for
# (or cancelling) a webinar at once, as after a webinar. Paths of the demo.
WRITERS = 50
WRITE_QUESTION = "/nl/forum/question/1/"
WRITE_WEBINAR = "/nl/webinars/circulaire-schoonmaak/"
MAKE_WRITERS = """
from datetime import timedelta
from django.contrib.auth.models import Group
from django.utils import timezone
from accounts.models import User
group = Group.objects.get(name="Participants")
for n in range({count}):
    user, _ = User.objects.get_or_create(email=f"writer{{n}}@example.org", defaults=dict(
        first_name="Writer", last_name=str(n), preferred_language="nl",
        date_joined=timezone.now() - timedelta(days=3)))
    user.set_password("{password}")
    user.save()
    user.groups.add(group)
"""
COUNT_WRITES = """
import json
from forum.models import Answer
from webinars.models import Registration, WebinarPage
webinar = WebinarPage.objects.get(url_path__endswith="/circulaire-schoonmaak/",
                                  locale__language_code="nl")
answers = {}
writers = Answer.objects.filter(author__email__startswith="writer")
for email in writers.values_list("author__email", flat=True):
    answers[email] = answers.get(email, 0) + 1
registered = list(Registration.objects.filter(webinar_key=webinar.translation_key,
    user__email__startswith="writer").values_list("user__email", flat=True))
print("COUNTS " + json.dumps({"answers": answers, "registered": registered}))
"""

# wrk reports p50/p90/p99 only; this script asks its latency histogram for p95 too.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write("WRK_JSON ", string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "errors_connect": %d, "errors_read": %d, "errors_write": %d, ' ..
    '"errors_status": %d, "errors_timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def manage(env, *args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)


STACK_VARIABLES = ("DATABASE_URL", "CACHE_BACKEND", "CACHE_LOCATION")


def prepare(data_dir, stack):
    """Environments for setting up (dev: the demo is refused in production) and serving."""
    # Never load the demo into a database the shell happens to name.
    dropped = ("MEDIA_ROOT", "STATIC_ROOT", "WHOOSH_DIR",
               *(STACK_VARIABLES if stack == "embedded" else ()))
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    base.update(DATA_DIR=str(data_dir), SECRET_KEY=secrets.token_urlsafe(64),
                ALLOWED_HOSTS=HOST, BEHIND_TLS_PROXY="true",
                # Mail is built and "sent" as usual, then dropped: no SMTP server here.
                EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    setup = {**base, "DJANGO_SETTINGS_MODULE": "leerkring.settings.dev"}
    production = {**base, "DJANGO_SETTINGS_MODULE": "leerkring.settings.production"}
    print(f"Data folder {data_dir}: migrate, load the demo, collect static files ...")
    manage(setup, "migrate", "--no-input")
    manage(setup, "load_demo")
    manage(production, "catalogs", "compile")
    manage(production, "collectstatic", "--no-input")
    return production


def start_gunicorn(env, port, workers):
    process = subprocess.Popen(
        [str(GUNICORN), "--pythonpath", "site", "--bind", f"{HOST}:{port}",
         "--workers", str(workers), "--access-logfile", "/dev/null", "--log-level", "warning",
         "leerkring.wsgi"],
        cwd=REPO, env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {process.returncode})")
        try:
            status, _headers, _body = request(port, "GET", "/health/", https=False)
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not answer /health/ within 60 s")


def request(port, method, path, headers=None, body=None, https=True):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    all_headers = {"Host": f"{HOST}:{port}", **(headers or {})}
    if https:
        all_headers["X-Forwarded-Proto"] = "https"
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    data = response.read().decode("utf-8", "replace")
    result = response.status, response.headers, data
    connection.close()
    return result


def cookies_from(headers):
    jar = {}
    for value in headers.get_all("Set-Cookie") or []:
        name, _sep, rest = value.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def log_in(port, email=DEMO_EMAIL):
    """A member's cookies, through the real login form (with its CSRF token)."""
    status, headers, html = request(port, "GET", "/nl/inloggen/")
    if status != 200:
        raise SystemExit(f"login page answered {status}")
    jar = cookies_from(headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    from urllib.parse import urlencode

    body = urlencode({"csrfmiddlewaretoken": token, "username": email,
                      "password": DEMO_PASSWORD, "next": ""})
    status, headers, _html = request(port, "POST", "/nl/inloggen/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        "Origin": f"https://{HOST}:{port}", "Referer": f"https://{HOST}:{port}/nl/inloggen/",
    })
    jar.update(cookies_from(headers))
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"logging in failed ({status})")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def check_page(port, page, cookie):
    headers = {"Cookie": cookie} if page.login else {}
    status, _headers, body = request(port, "GET", page.path, headers=headers)
    if status != 200 or page.expect not in body:
        raise SystemExit(f"{page.path} answered {status} without {page.expect!r}: "
                         "the benchmark would measure the wrong thing")


def run_wrk(port, page, cookie, connections, duration, script):
    command = ["wrk", "--threads", str(min(connections, 2)), "--connections", str(connections),
               "--duration", f"{duration}s", "--timeout", "10s", "--script", str(script),
               "--header", "X-Forwarded-Proto: https"]
    if page.login:
        command += ["--header", f"Cookie: {cookie}"]
    output = subprocess.run(command + [f"http://{HOST}:{port}{page.path}"],
                            capture_output=True, text=True, check=True).stdout
    result = json.loads(output.split("WRK_JSON ", 1)[1].splitlines()[0])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(v for k, v in result.items() if k.startswith("errors_"))
    return result


def worker_memory(master_pid):
    """RSS and peak RSS (MiB) of each gunicorn worker, from /proc."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master_pid:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError):
            continue
        kib = {k: int(v.split()[0]) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(.*)$",
                                                              status, re.M)}
        workers.append((int(stat.parent.name), kib["VmRSS"] / 1024, kib["VmHWM"] / 1024))
    return sorted(workers)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per run (10)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--write-duration", type=int, default=30,
                        help="seconds of the writers' run (30; 0 skips it)")
    parser.add_argument("--stack", choices=["embedded", "environment"], default="embedded",
                        help="SQLite and the file cache (default), or DATABASE_URL and "
                             "CACHE_BACKEND/CACHE_LOCATION from the environment")
    args = parser.parse_args()
    if args.stack == "environment" and "DATABASE_URL" not in os.environ:
        raise SystemExit("--stack environment needs DATABASE_URL (see make benchmark-postgres)")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make benchmark` installs it as root "
                         "(Debian/Ubuntu: sudo apt-get install wrk).")
    if not GUNICORN.exists():
        raise SystemExit("Run `make install` first (the benchmark uses .venv).")

    data_dir = Path(tempfile.mkdtemp(prefix="leerkring-bench-"))
    script = data_dir / "report.lua"
    script.write_text(WRK_REPORT)
    server = None
    try:
        env = prepare(data_dir, args.stack)
        port = free_port()
        server = start_gunicorn(env, port, args.workers)
        cookie = log_in(port)
        for page in [CEILING, *PAGES]:
            check_page(port, page, cookie)
        database = env.get("DATABASE_URL", "sqlite").split(":", 1)[0]
        cache = env.get("CACHE_BACKEND", "FileBasedCache").rsplit(".", 1)[-1]
        print(f"Stack: {database}, {cache}")
        print(f"gunicorn: {args.workers} workers on {HOST}:{port}; "
              f"wrk: {args.duration} s per run; {os.cpu_count()} CPU cores\n")
        results = {}
        for page in [CEILING, *PAGES]:
            for connections in args.concurrency:
                run_wrk(port, page, cookie, connections, 2, script)  # warm up
                results[page.name, connections] = run_wrk(
                    port, page, cookie, connections, args.duration, script)
        report(results, args.concurrency, worker_memory(server.pid))
        if args.write_duration:
            run_writers(env, port, args.write_duration)
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


def run_writers(env, port, duration):
    """WRITERS participants post answers and register or cancel for WRITE_DURATION s at once.

    Each success the server confirms (a redirect) is a write it promised; the
    database must hold exactly those afterwards: no errors, no lost writes.
    """
    import threading
    from statistics import quantiles

    script = MAKE_WRITERS.format(count=WRITERS, password=DEMO_PASSWORD)
    subprocess.run([str(PYTHON), "manage.py", "shell", "-c", script], cwd=REPO, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    sessions = [log_in(port, f"writer{n}@example.org") for n in range(WRITERS)]
    promised = {"answers": {}, "registered": {}}
    errors, latencies = [], []
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def writer(n, cookie):
        email = f"writer{n}@example.org"
        token = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
                   "X-CSRFToken": token, "Origin": f"https://{HOST}:{port}",
                   "Referer": f"https://{HOST}:{port}/nl/"}
        from urllib.parse import urlencode

        registered, answered, step = False, 0, 0
        while time.monotonic() < stop_at:
            if step % 2 == 0:
                path = WRITE_QUESTION
                body = urlencode({"body": f"Antwoord {step} van {email}.", "language": "nl"})
            else:
                path = WRITE_WEBINAR
                body = urlencode({"action": "unregister" if registered else "register"})
            started = time.monotonic()
            try:
                status, _h, _b = request(port, "POST", path, headers=headers, body=body)
            except OSError as error:
                status = repr(error)
            elapsed = time.monotonic() - started
            with lock:
                latencies.append(elapsed)
                if status != 302:
                    errors.append(f"{path}: {status}")
            if status == 302:
                if path == WRITE_QUESTION:
                    answered += 1
                else:
                    registered = not registered
            step += 1
        with lock:
            promised["answers"][email] = answered
            promised["registered"][email] = registered

    threads = [threading.Thread(target=writer, args=(n, cookie))
               for n, cookie in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    output = subprocess.run([str(PYTHON), "manage.py", "shell", "-c", COUNT_WRITES], cwd=REPO,
                            env=env, check=True, capture_output=True, text=True).stdout
    stored = json.loads(output.split("COUNTS ", 1)[1])
    lost = 0
    for email, count in promised["answers"].items():
        lost += abs(count - stored["answers"].get(email, 0))
    for email, registered in promised["registered"].items():
        lost += registered != (email in stored["registered"])
    cuts = quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    print(f"\nWriters: {WRITERS} participants for {duration} s, answering {WRITE_QUESTION} "
          f"and registering for {WRITE_WEBINAR}")
    print(f"  writes: {len(latencies)} ({len(latencies) / duration:.1f}/s), "
          f"p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, "
          f"p99 {cuts[98] * 1000:.0f} ms")
    print(f"  errors: {len(errors)}; lost writes: {lost}")
    for error in errors[:5]:
        print(f"    {error}")


def report(results, concurrencies, memory):
    header = (f"{'page':<22}{'conc.':>6}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}"
              f"{'p99 ms':>9}{'errors':>8}{'vs ceiling':>12}")
    print(header)
    print("-" * len(header))
    for page in [CEILING, *PAGES]:
        for connections in concurrencies:
            r = results[page.name, connections]
            ceiling = results[CEILING.name, connections]["rps"]
            print(f"{page.name:<22}{connections:>6}{r['rps']:>10.1f}{r['p50_us'] / 1000:>9.1f}"
                  f"{r['p95_us'] / 1000:>9.1f}{r['p99_us'] / 1000:>9.1f}{r['errors']:>8}"
                  f"{r['rps'] / ceiling:>11.0%}")
    print("\ngunicorn workers after the runs (MiB):")
    for pid, rss, peak in memory:
        print(f"  pid {pid}: RSS {rss:.0f}, peak RSS {peak:.0f}")
    if memory:
        print(f"  total RSS {sum(m[1] for m in memory):.0f}")


if __name__ == "__main__":
    sys.exit(main())
