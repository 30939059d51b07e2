import re

import pytest
from django.core.exceptions import ValidationError

from surveys.models import Invitation, Mode
from surveys.services import survey_send, volunteer_set
from tests.factories import AffiliationFactory, SchoolFactory, UserFactory
from tests.learning.factories import BookingFactory, EventFactory
from tests.surveys.factories import QuestionFactory, SurveyFactory, annual_survey
from thep.models import OutboxMessage, Role


def test_heads_of_member_schools_get_one_link_per_school(sent, head_a, head_b, school_a):
    executive = UserFactory(email="exec@example.org", role=Role.HEADTEACHER)
    AffiliationFactory(person=executive, school=school_a)  # too late: the survey has gone
    SchoolFactory(name="Not A Member Primary")  # not asked
    invitations = Invitation.objects.filter(survey=sent).order_by("school__urn")
    assert [(i.school.name, i.email) for i in invitations] == [
        ("Bonner Primary School", ""),
        ("Cayley Primary School", ""),
    ]
    emails = OutboxMessage.objects.filter(kind="surveys.invitation").order_by("to")
    assert [message.to for message in emails] == [[head_a.email], [head_b.email]]
    assert "one answer for Bonner Primary School" in emails[0].body
    assert re.search(r"http://\S+/surveys/answer/\S+/", emails[0].body)
    assert sent.sent_at is not None


def test_an_executive_head_gets_each_of_their_schools_link(members, head_a, office_admin):
    AffiliationFactory(person=head_a, school=members[1])
    survey = annual_survey()
    assert survey_send(survey=survey, by=office_admin) == 2
    assert OutboxMessage.objects.filter(to=[head_a.email]).count() == 2


def test_a_survey_with_no_questions_cannot_be_sent(members, head_a, office_admin):
    survey = SurveyFactory(title="Empty")
    with pytest.raises(ValidationError, match="“Empty” has no questions yet"):
        survey_send(survey=survey, by=office_admin)
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()
    survey.refresh_from_db()
    assert survey.sent_at is None


def test_a_survey_is_sent_once(sent, office_admin):
    with pytest.raises(ValidationError, match="was already sent on"):
        survey_send(survey=sent, by=office_admin)
    assert OutboxMessage.objects.count() == 2


def test_a_survey_past_its_closing_date_is_not_sent(members, head_a, office_admin):
    import datetime

    survey = annual_survey(closes_on=datetime.date(2020, 7, 1))
    with pytest.raises(ValidationError, match="closed on 1 July 2020"):
        survey_send(survey=survey, by=office_admin)


def test_a_survey_with_nobody_to_ask_says_so(db, office_admin):
    survey = annual_survey()
    with pytest.raises(ValidationError, match=r"no member school in .* has a head on the portal"):
        survey_send(survey=survey, by=office_admin)


def test_a_survey_of_people_goes_to_each_confirmed_delegate_of_its_event(
    school_a, school_b, office_admin
):
    event = EventFactory(title="Phonics")
    BookingFactory(event=event, school=school_a, delegate_email="Ann@example.org")
    BookingFactory(event=event, school=school_b, delegate_email="bob@example.org")
    BookingFactory(event=event, school=school_b, status="cancelled")
    survey = SurveyFactory(mode=Mode.PER_PERSON, event=event)
    QuestionFactory(survey=survey)
    assert survey_send(survey=survey, by=office_admin) == 2
    assert sorted(Invitation.objects.values_list("email", "school__name")) == [
        ("ann@example.org", "Bonner Primary School"),
        ("bob@example.org", "Cayley Primary School"),
    ]
    assert "your own answer" in OutboxMessage.objects.get(to=["bob@example.org"]).body


def test_a_survey_of_staff_goes_to_those_who_agreed(staff_a, head_a, office_admin):
    volunteer_set(person=staff_a, agreed=True)
    survey = SurveyFactory(mode=Mode.PER_PERSON)
    QuestionFactory(survey=survey)
    survey_send(survey=survey, by=office_admin)
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [[staff_a.email]]
