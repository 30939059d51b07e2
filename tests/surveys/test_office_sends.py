from django.urls import reverse

from surveys.models import Invitation
from tests.surveys.factories import SurveyFactory, annual_survey
from thep.models import OutboxMessage


def send(client, survey):
    return client.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": "send", "_selected_action": [survey.pk]},
        follow=True,
    ).content.decode()


def test_the_office_sends_a_survey_from_the_admin(client_for, office_admin, members, head_a):
    survey = annual_survey(title="Members survey")
    page = send(client_for(office_admin), survey)
    assert "“Members survey” sent: 1 invitation on their way." in page
    assert OutboxMessage.objects.get().to == [head_a.email]


def test_the_admin_says_why_an_empty_survey_is_not_sent(client_for, office_admin, members, head_a):
    survey = SurveyFactory(title="Empty")
    page = send(client_for(office_admin), survey)
    assert "“Empty” has no questions yet: add them before sending it." in page
    assert not Invitation.objects.exists()


def test_the_office_builds_a_survey_with_its_questions(client_for, office_admin):
    client = client_for(office_admin)
    form = {
        "title": "Network feedback", "year": "2026", "closes_on": "2027-01-31",
        "mode": "per_school", "introduction": "",
        "questions-TOTAL_FORMS": "2", "questions-INITIAL_FORMS": "0",
        "questions-0-position": "1", "questions-0-kind": "rating",
        "questions-0-text": "How useful?", "questions-0-options": "[]",
        "questions-0-is_satisfaction": "on",
        "questions-1-position": "2", "questions-1-kind": "choice",
        "questions-1-text": "Which network?", "questions-1-options": '["Only one"]',
    }  # fmt: skip
    refused = client.post(reverse("admin:surveys_survey_add"), form)
    assert "A choice question needs at least two choices." in refused.content.decode()
    form["questions-1-options"] = '["Primary heads", "Deputies"]'
    saved = client.post(reverse("admin:surveys_survey_add"), form)
    assert saved.status_code == 302
    from surveys.models import Survey

    survey = Survey.objects.get(title="Network feedback")
    assert [q.text for q in survey.questions.all()] == ["How useful?", "Which network?"]
    assert survey.created_by == office_admin
