import pytest
from django.urls import reverse


def school_url(school) -> str:
    return reverse("membership:school", kwargs={"urn": school.urn})


def test_head_sees_own_school_record(client_for, head_a, school_a):
    response = client_for(head_a).get(school_url(school_a))
    assert response.status_code == 200
    assert "Bonner Primary School" in response.content.decode()


def test_head_of_another_school_gets_not_found(client_for, head_b, school_a):
    response = client_for(head_b).get(school_url(school_a))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_missing_school_looks_the_same_as_a_forbidden_one(client_for, head_b):
    assert client_for(head_b).get("/schools/999999/").status_code == 404


def test_staff_sees_own_school_only(client_for, staff_a, school_a, school_b):
    client = client_for(staff_a)
    assert client.get(school_url(school_a)).status_code == 200
    assert client.get(school_url(school_b)).status_code == 404


def test_lc_sees_allocated_schools_only(client_for, lc_a, school_a, school_b):
    client = client_for(lc_a)
    assert client.get(school_url(school_a)).status_code == 200
    assert client.get(school_url(school_b)).status_code == 404


@pytest.mark.parametrize("person", ["director", "la_officer", "office_admin"])
def test_directors_office_and_la_see_every_school(request, client_for, person, school_a, school_b):
    client = client_for(request.getfixturevalue(person))
    assert client.get(school_url(school_b)).status_code == 200
    listing = client.get(reverse("membership:schools")).content.decode()
    assert "Bonner Primary School" in listing and "Cayley Primary School" in listing


def test_head_cannot_list_the_register(client_for, head_a, school_b):
    listing = client_for(head_a).get(reverse("membership:schools")).content.decode()
    assert "Cayley Primary School" not in listing


def test_register_filters_by_phase_and_name(client_for, director, school_a, school_b):
    from tests.factories import SchoolFactory

    SchoolFactory(name="Morpeth School", phase="secondary")
    client = client_for(director)
    page = client.get(reverse("membership:schools"), {"phase": "secondary"}).content.decode()
    assert "Morpeth School" in page and "Bonner" not in page
    page = client.get(reverse("membership:schools"), {"q": "cayley"}).content.decode()
    assert "Cayley Primary School" in page and "Bonner" not in page


def test_register_query_count_does_not_grow_with_schools(
    client_for, director, django_assert_max_num_queries
):
    from tests.factories import SchoolFactory

    SchoolFactory.create_batch(60)
    client = client_for(director)
    client.get(reverse("home"))  # the first page after login sets up the session
    # session, person, their session record, then the count and one page of schools
    with django_assert_max_num_queries(5):
        assert client.get(reverse("membership:schools")).status_code == 200
