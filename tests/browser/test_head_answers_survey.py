import re

from playwright.sync_api import expect

from surveys.models import Response
from surveys.services import survey_send
from tests.membership.factories import MembershipFactory
from tests.surveys.factories import annual_survey
from thep import years
from thep.models import OutboxMessage


def test_a_head_answers_the_survey_from_the_emailed_link(
    page, accessible, head_a, school_a, office_admin
):
    MembershipFactory(member__school=school_a, year=years.current())
    survey_send(survey=annual_survey(title="Members survey"), by=office_admin)
    email = OutboxMessage.objects.get(kind="surveys.invitation", to=[head_a.email])
    link = re.search(r"https?://\S+(/surveys/answer/\S+/)", email.body)
    assert link

    page.goto(link[1])  # no login: the signed link is the key
    expect(page.get_by_role("heading", level=1)).to_have_text("Members survey")
    accessible(page)
    page.get_by_role("radio", name="4").check()
    page.get_by_role("radio", name="Courses").check()
    page.get_by_label("What could be better?").fill("More networks for deputies.")
    page.get_by_role("button", name="Send the answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert Response.objects.get().answers.get(rating__isnull=False).rating == 4

    page.goto(link[1])
    expect(page.get_by_text("Bonner Primary School answered")).to_be_visible()
    expect(page.get_by_role("button", name="Send the answers")).to_have_count(0)
