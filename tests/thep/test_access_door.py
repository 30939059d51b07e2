"""`thep.access.sees`: the login page for anonymous people, a 404 for people the page is not
for (as for a page that does not exist), the page for the others."""

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from thep.access import AuthedRequest, sees


@pytest.mark.parametrize(
    ("path", "allowed", "refused"),
    [
        ("/reports/", "director", "head_a"),
        ("/improvement/", "lc_a", "office_admin"),
        ("/improvement/visits/new/", "lc_a", "director"),
        ("/improvement/risk/", "la_officer", "head_a"),
        ("/learning/bookings/", "office_admin", "lc_a"),
    ],
)
def test_a_page_behind_the_door_answers_login_404_or_the_page(
    request, client, client_for, path, allowed, refused
):
    anonymous = client.get(path)
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/accounts/login/")
    assert client_for(request.getfixturevalue(refused)).get(path).status_code == 404
    assert client_for(request.getfixturevalue(allowed)).get(path).status_code == 200


def test_the_view_runs_only_when_the_predicate_holds(head_a, director):
    @sees(lambda user: user.is_director)
    def page(request: AuthedRequest) -> HttpResponse:
        return HttpResponse(request.user.email)

    asked = RequestFactory().get("/")
    asked.user = director
    assert page(asked).content == b"director@example.org"
    asked.user = head_a
    with pytest.raises(Http404):
        page(asked)


@pytest.mark.parametrize(
    ("who", "runs"),
    [
        ("director", True),
        ("office_admin", True),
        ("head_a", False),
        ("staff_a", False),
        ("lc_a", False),
        ("la_officer", False),
    ],
)
def test_the_directors_and_the_office_run_the_partnership(request, who, runs):
    assert request.getfixturevalue(who).runs_partnership is runs
