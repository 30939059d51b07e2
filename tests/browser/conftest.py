"""Browser tests: Playwright (from pip) driving Debian's Chromium against the live server.

Each test gets a fresh browser context; a failing test leaves a screenshot in test-artifacts/.
`log_in` hands the browser a session made on the server (the journeys are about what comes
after logging in); `log_in_by_form` types the email, password and code into the real pages."""

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver
from playwright.sync_api import sync_playwright

from tests.factories import totp_code

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop in the test thread; the database calls the tests
# make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.call_failed = report.failed


@pytest.fixture(scope="session")
def chromium():
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is needed: `make browser` installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _urls_loaded():
    """The live server's first request would import every app's views (seconds on a busy
    machine) inside a page's time limit; import them before."""
    get_resolver().url_patterns  # noqa: B018


@pytest.fixture
def page(request, chromium, live_server, _urls_loaded):
    # bypass_csp lets the test inject axe-core; the portal's own pages run no inline script.
    context = chromium.new_context(base_url=live_server.url, accept_downloads=True, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    if getattr(request.node, "call_failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def log_in(page, live_server):
    """Log a person in without the login pages: the server makes the session (as the test
    client's force_login does) and the browser gets its cookie, then opens `next_url` or the
    home page, as logging in through the form would. A page's worth of time instead of the
    form's four, and no wait for a fresh authenticator code."""

    def log_in_as(person, next_url: str = ""):
        client = Client()
        client.force_login(person)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": session.key, "value": session.value, "url": live_server.url}]
        )
        page.goto(next_url or "/")
        return page

    return log_in_as


@pytest.fixture
def log_in_by_form(page):
    """Log in through the real pages; people with an authenticator type the current code (a
    second login within the code's 30 seconds waits for the next one: a used code is refused)."""
    used: set[tuple[str, str]] = set()

    def log_in_as(person, password: str = "thep-demo-2026", next_url: str = ""):
        page.goto("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
        page.get_by_label("Email").fill(person.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        secret = getattr(person, "totp_secret", None)
        if secret and "/2fa/authenticate/" in page.url:
            code = totp_code(secret)
            while (secret, code) in used:
                time.sleep(1)
                code = totp_code(secret)
            used.add((secret, code))
            page.get_by_label("Code").fill(code)
            page.get_by_role("button", name="Sign In").click()
            page.wait_for_load_state()
        return page

    return log_in_as


@pytest.fixture
def accessible():
    """`accessible(page)` runs axe-core on the page as it is now and fails on any serious or
    critical WCAG 2.2 AA violation; it also checks there is exactly one h1. axe is asked for
    the violations only (`resultTypes`): it then keeps one example of each rule that passes
    instead of every element, which halves its time on our pages."""

    def check(page) -> None:
        assert AXE.exists(), "axe-core is missing: `make browser` installs it with npm"
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            WCAG_AA,
        )
        serious = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + ", ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{page.url}: " + "; ".join(serious)
        assert page.locator("h1").count() == 1, f"{page.url} should have exactly one h1"

    return check
