"""`make bench`: each role's main pages under load, with production settings under gunicorn, on
ten times the borough (`generate_scale_data --schools 1000 --years 10`).

Run as `python -m reports.bench` inside the dev stack (`thep.devstack exec`, with its own data
folder). It asks each page once alone ("first ms": what the first person waits, figures not yet
cached), then drives it with wrk at 8 connections for a fixed time and prints p50, p95 and
requests per second, then how long the KPI figures and each PDF take. Errors are named by kind
(a timeout is wrk giving up after 2 s). A command, not a test: the numbers go in notes.

It serves the floor too (reports/bench_floor.py: Django as deployed, one query, no template) in
the same run and prints each page's p50 as a multiple of the floor's.

Each page is also asked by one person alone, one request after another ("alone"): what a person
waits when the server is not busy.

Targets on a 2-core machine: every page's p50 under load at most 20 times the floor's, and its
p95 alone at most 100 ms (the KPI JSON at most 500 ms); the annual report PDF at most 5 s. The
p95 under load is printed too, not judged: at 8 connections on 2 cores a request waits for the
ones before it, so its time is about 8 divided by the requests a second (Little's law). A p95
of 100 ms there would need every page to cost no more CPU than about 1.5 times the floor's own
bare view."""

import os
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = os.environ.get("BENCH_PORT", "8020")
SECONDS = os.environ.get("BENCH_SECONDS", "8")
# Comma-separated path prefixes to drive only some pages while working on them: BENCH_ONLY=/ofsted/
# (a whole path with `$` at its end: BENCH_ONLY='/$' drives the home pages alone)
ONLY = [prefix for prefix in os.environ.get("BENCH_ONLY", "").split(",") if prefix]
# BENCH_PDF=0 skips the PDF timings.
PDF = os.environ.get("BENCH_PDF", "1") != "0"
CONNECTIONS = "8"
ALONE_SECONDS = "4"  # one connection: a person alone
# The server runs as deployed: gunicorn reads gunicorn.conf.py from the project's folder.
WORKERS = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]
PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    # Plain HTTP on loopback: no TLS to redirect to or to keep cookies to.
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    # A benchmark database of made-up people: production refuses demo logins without this.
    "THEP_DEMO_PASSWORD": os.environ.get("THEP_DEMO_PASSWORD", "thep-demo-2026"),
}
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %.1f %.1f %.1f\\n", summary.requests, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1000000)))
  local e = summary.errors
  io.write(string.format("KINDS status %d, connect %d, read %d, write %d, timeout %d\\n",
    e.status, e.connect, e.read, e.write, e.timeout))
end
"""


def _setup() -> None:
    os.environ.update(PRODUCTION)
    import django

    django.setup()
    from django.core.management import call_command

    from reports import scale

    call_command("migrate", "--no-input", "-v", "0")
    call_command("collectstatic", "--no-input", "-v", "0")
    call_command("load_demo")
    if not scale.already_generated():
        call_command("generate_scale_data", "--schools", "1000", "--years", "10")
    call_command("rebuild_standings")
    # Fresh statistics for the planner, as autovacuum leaves them once a busy database has
    # settled; otherwise its analyze of the rows just written runs during the first pages.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _cookie(email: str) -> str:
    """A logged-in session, as after login with two-factor authentication."""
    from importlib import import_module

    from django.conf import settings
    from django.test import Client

    from thep.models import User
    from thep.security import MFA_OK

    client = Client()
    client.force_login(User.objects.get(email=email))
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    session[MFA_OK] = True
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={key}"


def _pages() -> list[tuple[str, str, str]]:
    """(who, page, email) for each role's main pages."""
    from coaching.models import Allocation
    from improvement.models import Report
    from membership.models import School

    bonner = School.objects.get(name="Bonner Primary School").urn
    scale = School.objects.filter(name__startswith="Scale Primary").first()
    final = Report.objects.filter(visit__school__urn=bonner, status="final").first()
    if scale is None or final is None:
        raise SystemExit("No scale data or demo reports: run generate_scale_data first.")
    scale_school, report = scale.urn, final.pk
    # A school of the demo LC's with no head on the portal, and its report waiting for one.
    olga = School.objects.get(name="Olga Primary School").urn
    waiting = Report.objects.get(visit__school__urn=olga, status="shared").pk
    head, lc = "head@example.org", "scale.lc000@example.org"
    coach = "coach@example.org"
    coachee = Allocation.objects.filter(coach__email=coach).order_by("-year", "pk").first()
    if coachee is None:
        raise SystemExit("No demo coaching: run load_demo first.")
    director, la = "director@example.org", "la@example.org"
    return [
        ("office", "/", "admin@example.org"),
        ("head", "/", head),
        ("head", f"/schools/{bonner}/", head),
        ("head", f"/schools/{bonner}/membership/", head),
        ("head", "/improvement/", head),
        ("head", f"/improvement/reports/{report}/", head),
        ("head", "/improvement/good-practice/?q=reading+buddies", head),
        ("head", "/learning/", head),
        ("head", "/learning/bookings/", head),
        ("staff", "/", "staff@example.org"),
        ("staff", "/learning/", "staff@example.org"),
        ("coach", "/", coach),
        ("coach", "/coaching/", coach),
        ("coach", f"/coaching/coachees/{coachee.pk}/", coach),
        ("LC", "/", lc),
        ("LC demo", "/", "lc@example.org"),
        ("LC", "/improvement/", lc),
        ("LC", "/improvement/risk/", lc),
        ("LC", f"/schools/{scale_school}/", lc),
        ("LC", f"/improvement/schools/{olga}/head/", "lc@example.org"),
        ("director", "/", director),
        ("dir. prim.", "/", "primary.director@example.org"),
        ("director", "/schools/", director),
        ("director", "/ofsted/", director),
        ("director", "/improvement/", director),
        ("director", "/improvement/risk/", director),
        ("director", f"/improvement/reports/{waiting}/agreement/", director),
        ("director", "/reports/", director),
        ("director", "/reports/kpis.json", director),
        ("director", "/learning/", director),
        ("director", "/people/role-requests/", director),
        ("director", "/audit/", director),
        ("director", "/coaching/heads/", director),
        ("director", "/improvement/report-openings/", director),
        (
            "director",
            "/improvement/report-openings/?school=Scale+Primary+School+0001&since=2020-09-01",
            director,
        ),
        ("director", "/improvement/report-openings/?page=200", director),
        ("LA officer", "/", la),
        ("LA officer", "/ofsted/", la),
        ("LA officer", "/improvement/risk/", la),
        ("LA officer", "/improvement/review-group/", la),
        ("head", f"/learning/{_bookable_event()}/book/", head),
        ("head", "/learning/?q=leadership&phase=primary", head),
        *_approval_and_record_pages(head),
        *_moderation_pages(),
        *_commission_pages(),
        *_meeting_pages(),
        *_survey_pages(),
        *_bulletin_pages(),
        *_waiting_and_swap_pages(),
        *_outcomes_pages(),
        *_data_pack_pages(),
        *_inspection_support_pages(),
    ]


def _approval_and_record_pages(head: str) -> list[tuple[str, str, str]]:
    """The demo teacher's request as her head decides it, Bonner's approval policy, and CPD
    records: a delegate's own with its CSV, and the head's view of a colleague's. (The PDF,
    like the certificates, is made on request: a second of WeasyPrint, not a page to load.)"""
    from learning.models import Booking
    from thep.models import User

    request = Booking.objects.filter(delegate__email="teacher@example.org").order_by("-pk").first()
    if request is None:
        raise SystemExit("No demo teacher: run load_demo first.")
    staff = User.objects.get(email="staff@example.org").pk
    return [
        ("head", f"/learning/bookings/{request.pk}/decide/", head),
        ("head", f"/learning/schools/{request.school_id}/approval/", head),
        ("head", "/learning/record/staff/", head),
        ("head", f"/learning/record/{staff}/", head),
        ("staff", f"/learning/record/{staff}/", "staff@example.org"),
        ("staff", f"/learning/record/{staff}/cpd-record.csv", "staff@example.org"),
    ]


def _bookable_event() -> int:
    """An event still to come in the demo's catalogue, for the booking page."""
    from django.utils import timezone

    from learning.models import Event

    event = Event.objects.filter(published=True, starts_on__gt=timezone.localdate()).first()
    if event is None:
        raise SystemExit("No demo events to come: run load_demo first.")
    return event.pk


def _chosen(path: str, prefix: str) -> bool:
    """BENCH_ONLY's entries are path prefixes; one ending in `$` is a whole path (`/$` for
    the home pages alone)."""
    return path == prefix[:-1] if prefix.endswith("$") else path.startswith(prefix)


FLOOR_PORT = str(int(PORT) + 1)
MULTIPLE = 20  # a page's p50 at most this many times the floor's
PAGE_P95 = 100  # ms


def _serve(
    app: str = "thep.wsgi", port: str = PORT, ready: str = "/accounts/login/"
) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=os.environ.copy(),
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            # A fixed http:// address on loopback (bandit B310 is about other schemes).
            urllib.request.urlopen(f"http://127.0.0.1:{port}{ready}", timeout=2)  # nosec B310
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def _wrk(
    path: str,
    cookie: str,
    script: str,
    seconds: str,
    port: str = PORT,
    connections: str = CONNECTIONS,
) -> str:
    threads = min(2, int(connections))
    return subprocess.run(
        [shutil.which("wrk") or "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
         "-s", script, "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def _result(output: str, path: str) -> tuple[int, int, float, float, float]:
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, errors, p50, p95, rate = line.split()[1:]
    if int(errors):
        kinds = next(line for line in output.splitlines() if line.startswith("KINDS"))
        print(f"  {path}: errors by kind: {kinds.removeprefix('KINDS ')}")
    return int(requests), int(errors), float(p50), float(p95), float(rate)


def _drive(
    path: str, cookie: str, script: str, port: str = PORT
) -> tuple[int, int, float, float, float, float, float]:
    # The page asked once, alone: how long the first person waits (figures not yet cached).
    started = time.monotonic()
    # A fixed http:// address on loopback, as in _serve.
    urllib.request.urlopen(  # nosec B310
        urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie}),
        timeout=60,
    ).read()
    first = (time.monotonic() - started) * 1000
    # A second of load next, untimed: the first use of a page in each fresh worker (imports,
    # template compilation) is start-up, not load. What is measured is the steady state after it.
    for seconds in ("1", SECONDS):
        output = _wrk(path, cookie, script, seconds, port)
    requests, errors, p50, p95, rate = _result(output, path)
    # One person alone next: an untimed second first, in which the requests the load left
    # queued are answered, so that the person does not wait behind them.
    for seconds in ("1", ALONE_SECONDS):
        output = _wrk(path, cookie, script, seconds, port, connections="1")
    alone = _result(output, path)
    return requests, errors + alone[1], p50, p95, rate, first, alone[3]


def _pdf_times() -> list[tuple[str, float]]:
    from django.utils import timezone

    from improvement.models import Report
    from improvement.pdf import render_report_pdf
    from reports.council import council_figures
    from reports.kpis import kpi_figures
    from reports.pdf import render_annual_pdf, render_council_pdf, render_kpi_pdf
    from thep import years
    from thep.models import User

    director = User.objects.get(email="director@example.org")
    year = years.current()

    def timed(make) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.monotonic()
            make()
            best = min(best, time.monotonic() - started)
        return best

    figures = kpi_figures(user=director, year=year)
    council = council_figures(user=director, year=year, today=timezone.localdate())
    report = Report.objects.select_related("visit__school", "visit__consultant").filter(
        status="final"
    )[0]
    return [
        ("KPI figures (in process)", timed(lambda: kpi_figures(user=director, year=year))),
        ("KPI report PDF", timed(lambda: render_kpi_pdf(kpi_figures(user=director, year=year)))),
        ("Annual report PDF", timed(lambda: render_annual_pdf(figures, "Foreword"))),
        ("Council report PDF", timed(lambda: render_council_pdf(council))),
        ("Visit report PDF", timed(lambda: render_report_pdf(report))),
        *_data_pack_pdf_time(timed),
    ]


def _floor(script: str) -> float:
    """The floor's p50 in ms, served by its own gunicorn with the portal's settings."""
    server = _serve("reports.bench_floor", FLOOR_PORT, "/")
    try:
        _, errors, p50, p95, rate, _, alone = _drive("/", "", script, FLOOR_PORT)
    finally:
        server.terminate()
        server.wait(timeout=15)
    if errors:
        raise SystemExit("the floor answered with errors")
    print(
        f"{'floor':<11}{'one query, no template':<34}{p50:>8.1f}{p95:>8.1f}{rate:>8.1f}{1:>8.1f}"
        f"{0:>8}{'':>10}{alone:>10.1f}"
    )
    return p50


def main() -> int:
    _setup()
    cookies: dict[str, str] = {}
    failed = False
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    print(
        f"\nunder load: {CONNECTIONS} connections, {SECONDS} s a page; alone: 1 connection, "
        f"{ALONE_SECONDS} s; gunicorn with {WORKERS} workers"
    )
    print(
        f"targets: p50 under load at most {MULTIPLE} times the floor's, "
        f"p95 alone at most {PAGE_P95} ms\n"
    )
    header = f"{'who':<11}{'page':<34}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>8}{'x floor':>8}"
    print(header + f"{'errors':>8}{'first ms':>10}{'alone p95':>10}")
    server = None
    try:
        floor = _floor(script.name)
        server = _serve()
        for who, path, email in _pages():
            if ONLY and not any(_chosen(path, prefix) for prefix in ONLY):
                continue
            cookie = cookies.setdefault(email, _cookie(email))
            _, errors, p50, p95, rate, first, alone = _drive(path, cookie, script.name)
            times = p50 / floor
            slow = alone > (500 if path.endswith(".json") else PAGE_P95) or times > MULTIPLE
            mark = ("  over target" if slow else "") + ("  errors" if errors else "")
            failed |= bool(mark)
            print(
                f"{who:<11}{path[:33]:<34}{p50:>8.1f}{p95:>8.1f}{rate:>8.1f}{times:>8.1f}"
                f"{errors:>8}{first:>10.0f}{alone:>10.1f}{mark}"
            )
    finally:
        if server:
            server.terminate()
            server.wait(timeout=15)
        Path(script.name).unlink(missing_ok=True)
    print()
    for label, seconds in _pdf_times() if PDF else []:
        print(f"{label:<28}{seconds:>8.2f} s")
    return 1 if failed else 0


def _waiting_and_swap_pages() -> list[tuple[str, str, str]]:
    """The full demo event with its waiting list, and the page to swap a Bonner delegate."""
    from django.utils import timezone

    from learning.models import ACTIVE, Booking, Event

    today = timezone.localdate()
    full = Event.objects.filter(title="Phonics and Early Reading", starts_on__gt=today).first()
    place = Booking.objects.filter(
        school__name="Bonner Primary School", status__in=ACTIVE, event__starts_on__gt=today
    ).first()
    if full is None or place is None:
        raise SystemExit("No demo bookings to come at Bonner: run load_demo first.")
    head, staff = "head@example.org", "staff@example.org"
    return [
        ("head", f"/learning/{full.pk}/", head),
        ("head", f"/learning/bookings/{place.pk}/swap/", head),
        ("staff", "/learning/bookings/", staff),
        ("director", f"/learning/{full.pk}/places/", "director@example.org"),
    ]


def _data_pack_pages() -> list[tuple[str, str, str]]:
    """The directors' list of data packs, and Bonner's packs as its head and the LA see them."""
    from membership.models import School

    bonner = School.objects.get(name="Bonner Primary School").urn
    return [
        ("director", "/reports/packs/", "director@example.org"),
        ("head", f"/reports/packs/school/{bonner}/", "head@example.org"),
        ("LA officer", f"/reports/packs/school/{bonner}/", "la@example.org"),
        ("head", f"/outcomes/school/{bonner}/headlines/", "head@example.org"),
    ]


def _data_pack_pdf_time(timed) -> list[tuple[str, float]]:
    """Bonner's data pack of the latest year with figures."""
    from django.db.models import Max

    from membership.models import School
    from outcomes.models import Figure
    from reports.datapack import render_data_pack

    bonner = School.objects.get(name="Bonner Primary School")
    year = Figure.objects.filter(school=bonner).aggregate(y=Max("year"))["y"]
    if year is None:
        return []
    return [("Data pack PDF", timed(lambda: render_data_pack(bonner, year)))]


def _outcomes_pages() -> list[tuple[str, str, str]]:
    """The outcomes framework's trends, and the page to set one outcome's target."""
    from reports.models import Outcome

    first = Outcome.objects.order_by("position").first()
    if first is None:
        raise SystemExit("No outcomes: migrate first.")
    director = "director@example.org"
    return [
        ("director", "/reports/outcomes/", director),
        ("director", f"/reports/outcomes/{first.pk}/", director),
    ]


def _inspection_support_pages() -> list[tuple[str, str, str]]:
    """Bonner's demo Ofsted call as its head, its LC and the director see it; the directors'
    list of calls; and the head's "Ofsted called" form."""
    from commission.models import InspectionCall

    call = InspectionCall.objects.filter(school__name="Bonner Primary School").first()
    if call is None:
        raise SystemExit("No demo inspection support: run load_demo first.")
    director, head = "primary.director@example.org", "head@example.org"
    return [
        ("dir. prim.", "/commission/inspections/", director),
        ("dir. prim.", f"/commission/inspections/{call.pk}/", director),
        ("LC demo", f"/commission/inspections/{call.pk}/", "lc@example.org"),
        ("head", f"/commission/inspections/{call.pk}/", head),
        ("head", f"/commission/schools/{call.school.urn}/ofsted-called/", head),
    ]


def _bulletin_pages() -> list[tuple[str, str, str]]:
    """The archive of bulletins and the demo's sent bulletin, as a member school's head reads
    them."""
    from bulletins.selectors import sent_bulletins

    sent = sent_bulletins().first()
    if sent is None:
        raise SystemExit("No demo bulletin: run load_demo first.")
    head = "head@example.org"
    return [("head", "/bulletins/", head), ("head", f"/bulletins/{sent.pk}/", head)]


def _survey_pages() -> list[tuple[str, str, str]]:
    """This year's members' survey: its results as a director (with free text) and the office
    (counts) see them, every survey, and a head's page of surveys to answer."""
    from surveys.models import Survey

    survey = Survey.objects.filter(sent_at__isnull=False).order_by("-year").first()
    if survey is None:
        raise SystemExit("No demo survey: run load_demo first.")
    return [
        ("director", f"/surveys/results/{survey.pk}/", "director@example.org"),
        ("office", f"/surveys/results/{survey.pk}/", "admin@example.org"),
        ("director", "/surveys/results/", "director@example.org"),
        ("head", "/surveys/", "head@example.org"),
    ]


def _meeting_pages() -> list[tuple[str, str, str]]:
    """This year's demo AGM as Bonner's head (who votes) and the office (who runs it, with the
    register of member schools) see it."""
    from meetings.models import Meeting

    agm = Meeting.objects.filter(kind=Meeting.Kind.AGM).first()
    if agm is None:
        raise SystemExit("No demo AGM: run load_demo first.")
    return [
        ("head", "/meetings/", "head@example.org"),
        ("head", f"/meetings/{agm.pk}/", "head@example.org"),
        ("office", f"/meetings/{agm.pk}/", "admin@example.org"),
        ("office", f"/meetings/{agm.pk}/attendance/", "admin@example.org"),
        ("head", "/meetings/board/", "head@example.org"),
    ]


def _commission_pages() -> list[tuple[str, str, str]]:
    """The LA commission's delivery this year, as the LA officer and a director see it."""
    return [
        ("LA officer", "/commission/", "la@example.org"),
        ("director", "/commission/", "director@example.org"),
    ]


def _moderation_pages() -> list[tuple[str, str, str]]:
    """The moderator's visits, home and one visit; the year's samples for the office."""
    from moderation.models import Visit

    visit = Visit.objects.filter(moderator__email="moderator@example.org").order_by("-pk").first()
    if visit is None:
        raise SystemExit("No demo moderation: run load_demo first.")
    moderator = "moderator@example.org"
    return [
        ("moderator", "/", moderator),
        ("moderator", "/moderation/", moderator),
        ("moderator", f"/moderation/visits/{visit.pk}/", moderator),
        ("office", "/moderation/samples/", "admin@example.org"),
        ("director", "/moderation/samples/", "director@example.org"),
    ]


if __name__ == "__main__":
    sys.exit(main())
