import pytest

from surveys.models import Survey
from surveys.services import survey_send
from tests.membership.factories import MembershipFactory
from tests.surveys.factories import annual_survey
from thep import years


@pytest.fixture
def members(school_a, school_b):
    """Schools A and B are members this year."""
    for school in (school_a, school_b):
        MembershipFactory(member__school=school, year=years.current())
    return [school_a, school_b]


@pytest.fixture
def sent(members, head_a, head_b, office_admin) -> Survey:
    """The annual survey, sent to the heads of schools A and B."""
    survey = annual_survey()
    survey_send(survey=survey, by=office_admin)
    survey.refresh_from_db()
    return survey
