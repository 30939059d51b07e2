"""Someone looks for a course on a desktop and on a phone: the synonyms find it, and a search
that finds nothing says why and takes a filter off with one tap."""

import pytest
from playwright.sync_api import expect

from learning.models import EventPhase, Kind, Subject
from tests.browser.conftest import ARTIFACTS
from tests.learning.factories import EventFactory


@pytest.mark.parametrize("size", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_a_search_for_maths_finds_the_mathematics_network_and_says_why_nothing_matched(
    page, accessible, size
):
    EventFactory(
        title="Primary Mathematics Subject Network", kind=Kind.NETWORK, member_price=0,
        phase=EventPhase.PRIMARY, subject=Subject.MATHS,
        summary="Subject leaders share what works in primary maths, termly.",
    )  # fmt: skip
    EventFactory(title="Leadership Lab: Leading People", phase=EventPhase.ALL)
    EventFactory(title="Secondary English Subject Network", phase=EventPhase.SECONDARY)
    page.set_viewport_size(size)
    page.goto("/learning/")
    page.get_by_role("searchbox", name="Search").fill("maths")
    page.get_by_label("Phase").select_option(label="Primary")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Primary Mathematics Subject Network")).to_be_visible()
    expect(page.get_by_text("Subject leaders share what works")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"catalogue-search-{size['width']}.png"), full_page=True)

    page.get_by_label("Subject").select_option(label="English")
    page.get_by_role("button", name="Search").click()
    expect(
        page.get_by_text("Nothing matches “maths” with Phase: Primary, Subject: English.")
    ).to_be_visible()
    accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"catalogue-nothing-{size['width']}.png"), full_page=True)
    page.get_by_role("link", name="Subject: English").click()
    expect(page.get_by_role("link", name="Primary Mathematics Subject Network")).to_be_visible()
    expect(page.get_by_label("Subject")).to_have_value("")
