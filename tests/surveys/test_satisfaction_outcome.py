from decimal import Decimal

from reports.framework import outcome_rows
from reports.models import OutcomeMeasure
from surveys.models import Invitation
from surveys.services import response_submit, survey_send
from tests.factories import AffiliationFactory, SchoolFactory, UserFactory
from tests.membership.factories import MembershipFactory
from tests.reports.outcomes_seed import seeded_outcomes
from tests.surveys.factories import annual_survey
from thep.models import Role


def survey_answered(year: int, ratings: list[int], office_admin) -> None:
    schools = []
    for _ in ratings:
        school = SchoolFactory()
        MembershipFactory(member__school=school, year=year)
        AffiliationFactory(school=school, person=UserFactory(role=Role.HEADTEACHER))
        schools.append(school)
    survey = annual_survey(year=year)
    survey.closes_on = survey.closes_on.replace(year=2100)
    survey.save()
    survey_send(survey=survey, by=office_admin)
    rating = survey.questions.get(is_satisfaction=True)
    other = survey.questions.get(position=2)
    for school, stars in zip(schools, ratings, strict=True):
        response_submit(
            invitation=Invitation.objects.get(survey=survey, school=school),
            answers={rating.pk: stars, other.pk: "Courses"},
            by=None,
        )


def test_satisfaction_is_the_share_of_fours_and_fives_each_year(director, office_admin):
    seeded_outcomes()
    MembershipFactory(year=2022)  # memberships held since 2022-23, which had no survey
    # By hand: 2023-24 has 5, 4, 4, 3, 1, 5, 2: four of seven at 4 or 5 = 57.1%;
    # 2024-25 has 5, 5, 4: three of three = 100.0%; 2022-23 has no survey.
    survey_answered(2023, [5, 4, 4, 3, 1, 5, 2], office_admin)
    survey_answered(2024, [5, 5, 4], office_admin)
    rows = outcome_rows(user=director, year=2024, trend_years=3)
    row = next(row for row in rows if row.outcome.measure == OutcomeMeasure.SATISFACTION)
    assert row.values == {2022: None, 2023: Decimal("57.1"), 2024: Decimal("100.0")}


def test_the_surveys_page_shows_satisfaction_by_year(client_for, director, office_admin):
    survey_answered(2023, [5, 4, 1], office_admin)
    page = client_for(director).get("/surveys/results/").content.decode()
    assert '<th scope="row">2023-24</th><td>2</td><td>3</td><td>66.7%</td>' in page
