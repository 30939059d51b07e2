"""`make bench-profile`: where each benched page's time goes, measured in process.

Runs on the bench's data (`make bench` makes it) with its production settings. Each page is
asked a few times to warm up, then REQUESTS times under cProfile; the profile's own time per
function is summed by where the function lives, so the parts add up to the whole request:

- database: the driver and Django's backend (SQL sent, waited for, rows read);
- ORM: building queries and model instances;
- templates: Django's template engine, tags and filters, crispy forms;
- middleware: sessions, authentication, allauth and MFA, Django's and our middleware;
- portal: our own code (views, selectors, figures);
- other: everything else (Python itself, the standard library, other packages).

A command, not a test: the numbers go in notes. BENCH_ONLY works as for `make bench`."""

import cProfile
import os
import pstats
import time

from reports import bench
from thep.hooks import APPS

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
# BENCH_TOP=N also prints each page's N functions with the most time of their own.
TOP = int(os.environ.get("BENCH_TOP", "0"))
PARTS = ("database", "ORM", "templates", "middleware", "portal", "other")
OWN_CODE = tuple(f"{bench.ROOT}/{app}/" for app in APPS)


def _part(filename: str, name: str) -> str:
    # Built-ins (filename "~") are named by what they belong to: the driver's C methods.
    if "/psycopg" in filename or "/django/db/backends/" in filename or "psycopg" in name:
        return "database"
    if "/django/db/" in filename:
        return "ORM"
    if "/django/template" in filename or "/crispy" in filename:
        return "templates"
    if any(
        place in filename
        for place in ("/django/contrib/sessions/", "/django/contrib/auth/", "/allauth/",
                      "/django/middleware/", "/thep/middleware", "/thep/security")
    ):  # fmt: skip
        return "middleware"
    return "portal" if filename.startswith(OWN_CODE) else "other"


def _profile(client, path: str) -> tuple[float, dict[str, float], int, list[str]]:
    """ms a request in all, ms a request in each part, and queries a request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        if client.get(path).status_code != 200:
            raise SystemExit(f"{path} did not answer 200")
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        profiler.enable()
        for _ in range(REQUESTS):
            client.get(path)
        profiler.disable()
        total = (time.perf_counter() - started) * 1000 / REQUESTS
    parts = dict.fromkeys(PARTS, 0.0)
    own_times = []
    for (filename, line, name), (_calls, _primitive, own, _cumulative, _callers) in pstats.Stats(
        profiler
    ).stats.items():  # type: ignore[attr-defined]
        parts[_part(filename, name)] += own * 1000 / REQUESTS
        own_times.append(
            (own * 1000 / REQUESTS, f"{filename.split('site-packages/')[-1]}:{line} {name}")
        )
    top = [f"{ms:>9.1f}  {where}" for ms, where in sorted(own_times, reverse=True)[:TOP]]
    return total, parts, len(queries) // REQUESTS, top


def main() -> int:
    bench._setup()
    from django.conf import settings
    from django.test import Client

    print(f"\n{REQUESTS} requests a page, in process, profiled (ms a request)\n")
    heading = "".join(f"{part:>11}" for part in PARTS)
    print(f"{'who':<11}{'page':<34}{'all':>7}{heading}{'queries':>9}")
    clients: dict[str, Client] = {}
    for who, path, email in bench._pages():
        if bench.ONLY and not any(bench._chosen(path, prefix) for prefix in bench.ONLY):
            continue
        if email not in clients:
            _name, key = bench._cookie(email).split("=", 1)
            clients[email] = Client(SERVER_NAME="localhost")
            clients[email].cookies[settings.SESSION_COOKIE_NAME] = key
        total, parts, queries, top = _profile(clients[email], path)
        print(
            f"{who:<11}{path[:33]:<34}{total:>7.1f}"
            + "".join(f"{parts[part]:>11.1f}" for part in PARTS)
            + f"{queries:>9}"
        )
        for line in top:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
