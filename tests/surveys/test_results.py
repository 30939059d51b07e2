from django.urls import reverse

from membership.models import Phase
from surveys.models import Invitation
from surveys.services import response_submit, survey_send
from tests.factories import AffiliationFactory, SchoolFactory, UserFactory
from tests.membership.factories import MembershipFactory
from tests.surveys.factories import annual_survey
from thep import years
from thep.models import Role


def answered_by_phase(office_admin):
    """Two primaries, a secondary and an all-through school (counted with the secondaries)
    answer; a special school is asked and does not."""
    phases = [Phase.PRIMARY, Phase.PRIMARY, Phase.SECONDARY, Phase.ALL_THROUGH, Phase.SPECIAL]
    for phase in phases:
        school = SchoolFactory(phase=phase)
        MembershipFactory(member__school=school, year=years.current())
        AffiliationFactory(school=school, person=UserFactory(role=Role.HEADTEACHER))
    survey = annual_survey()
    survey_send(survey=survey, by=office_admin)
    rating, choice, text = survey.questions.order_by("position")
    given = {
        Phase.PRIMARY: [(5, "Courses", "The bulletin is a lifeline."), (3, "Bulletin", "")],
        Phase.SECONDARY: [(4, "LC visits", "Fewer emails, please.")],
        Phase.ALL_THROUGH: [(2, "Courses", "")],
    }
    for phase, answers in given.items():
        invitations = Invitation.objects.filter(survey=survey, school__phase=phase)
        for invitation, (stars, pick, words) in zip(invitations, answers, strict=True):
            response_submit(
                invitation=invitation,
                answers={rating.pk: stars, choice.pk: pick, text.pk: words},
                by=None,
            )
    survey.refresh_from_db()
    return survey


def table_row(page: str, heading: str) -> str:
    start = page.index(f'<th scope="row">{heading}</th>')
    return page[start : page.index("</tr>", start)]


def test_results_count_each_answer_by_phase(client_for, director, office_admin):
    survey = answered_by_phase(office_admin)
    page = client_for(director).get(reverse("surveys:results", args=[survey.pk])).content
    page = page.decode()
    # Groups: Nursery, Primary, Secondary, Special, then All.
    assert table_row(page, "Asked").count("<td>") == 5
    assert "<td>0</td><td>2</td><td>2</td><td>1</td><td>5</td>" in table_row(page, "Asked")
    assert "<td>0</td><td>2</td><td>2</td><td>0</td><td>4</td>" in table_row(page, "Answered")
    assert "<td>0</td><td>1</td><td>1</td><td>0</td><td>2</td>" in table_row(page, "Courses")
    assert "<td>0</td><td>0</td><td>1</td><td>0</td><td>1</td>" in table_row(page, "LC visits")
    assert page.count('src="data:image/svg+xml;base64,') == 2  # the rating and the choice


def test_free_text_is_shown_to_directors_only(client_for, director, office_admin):
    survey = answered_by_phase(office_admin)
    path = reverse("surveys:results", args=[survey.pk])
    page = client_for(director).get(path).content.decode()
    assert "The bulletin is a lifeline." in page and "Fewer emails, please." in page
    page = client_for(office_admin).get(path).content.decode()
    assert "The bulletin is a lifeline." not in page
    assert "Free text: 2 answers." in page
    assert "Free text is read by directors only." in page


def test_the_la_and_schools_cannot_open_results(client_for, la_officer, head_a, office_admin):
    survey = answered_by_phase(office_admin)
    results = reverse("surveys:results", args=[survey.pk])
    for person in (la_officer, head_a):
        assert client_for(person).get(results).status_code == 404
        assert client_for(person).get(reverse("surveys:surveys")).status_code == 404


def test_an_unsent_survey_has_no_results_page(client_for, director):
    survey = annual_survey()
    assert client_for(director).get(reverse("surveys:results", args=[survey.pk])).status_code == 404


def test_the_results_page_has_a_query_budget(
    client_for, director, office_admin, django_assert_max_num_queries
):
    survey = answered_by_phase(office_admin)
    client = client_for(director)
    with django_assert_max_num_queries(14):
        client.get(reverse("surveys:results", args=[survey.pk]))
