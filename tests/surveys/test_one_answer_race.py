import threading

from django.core.exceptions import ValidationError
from django.db import connection

from surveys.models import Invitation, Response
from surveys.services import response_submit, survey_send
from tests.factories import AffiliationFactory, SchoolFactory, UserFactory
from tests.membership.factories import MembershipFactory
from tests.surveys.factories import annual_survey
from thep import years
from thep.models import Role


def test_two_answers_sent_at_once_for_one_school_keep_one(transactional_db):
    school = SchoolFactory()
    MembershipFactory(member__school=school, year=years.current())
    AffiliationFactory(school=school, person=UserFactory(role=Role.HEADTEACHER))
    survey = annual_survey()
    survey_send(survey=survey, by=UserFactory(role=Role.ADMIN))
    invitation = Invitation.objects.get()
    rating = survey.questions.get(is_satisfaction=True)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(value: int) -> None:
        try:
            start.wait()
            response_submit(invitation=invitation, answers={rating.pk: value}, by=None)
            outcomes.append("kept")
        except ValidationError as refused:
            outcomes.append(refused.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(value,)) for value in (2, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[1] == "kept"
    assert "One answer is kept, the first" in sorted(outcomes)[0]
    assert Response.objects.count() == 1
    assert Response.objects.get().answers.count() == 1
