"""A head opens this year's AGM, reads a paper and votes on a resolution for their school."""

from django.core.files.base import ContentFile
from playwright.sync_api import expect

from meetings.models import Paper, Vote
from tests.meetings.factories import ResolutionFactory, member_this_year


def test_a_head_reads_the_agenda_and_votes_at_the_agm(page, log_in, accessible, head_a, school_a):
    member_this_year(school_a)
    resolution = ResolutionFactory(text="To receive the annual report and accounts.")
    Paper.objects.create(
        meeting=resolution.meeting,
        title="Agenda",
        file=ContentFile(b"1. Annual report and accounts", name="agenda.txt"),
    )

    log_in(head_a)
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name=str(resolution.meeting)).click()
    expect(page.get_by_text("Quorum: 0 present / 2 needed")).to_be_visible()
    accessible(page)
    with page.expect_download() as paper:
        page.get_by_role("link", name="Agenda").click()
    with open(paper.value.path(), "rb") as agenda:
        assert agenda.read() == b"1. Annual report and accounts"

    ballot = page.get_by_role("group", name="Bonner Primary School's vote on resolution 1")
    ballot.get_by_role("button", name="For").click()
    expect(
        page.get_by_text("Bonner Primary School's vote on resolution 1 is recorded: for.")
    ).to_be_visible()
    expect(page.get_by_text("Bonner Primary School's vote: For")).to_be_visible()
    expect(page.get_by_text("Quorum: 1 present / 2 needed")).to_be_visible()
    accessible(page)
    assert Vote.objects.get().cast_by == head_a
