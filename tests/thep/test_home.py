import pytest
from django.urls import reverse


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_head_home_shows_their_school(client_for, head_a, school_b):
    page = client_for(head_a).get(reverse("home")).content.decode()
    assert "Bonner Primary School" in page
    assert "Cayley Primary School" not in page


def test_lc_home_lists_allocated_schools(client_for, lc_a, school_b):
    page = client_for(lc_a).get(reverse("home")).content.decode()
    assert "Bonner Primary School" in page
    assert "Cayley Primary School" not in page


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("director", "Executive Director"),
        ("primary_director", "Director of Primary"),
        ("secondary_director", "Director of Secondary"),
        ("la_officer", "Local Authority officer"),
        ("office_admin", "The office admin"),
        ("staff_a", "Bonner Primary School"),
    ],
)
def test_each_role_has_a_home_page(request, client_for, person, expected):
    page = client_for(request.getfixturevalue(person)).get(reverse("home")).content.decode()
    assert expected in page


def test_navigation_shows_the_admin_only_to_office_staff(client_for, office_admin, director):
    assert "Office admin" in client_for(office_admin).get(reverse("home")).content.decode()
    assert "Office admin" not in client_for(director).get(reverse("home")).content.decode()


def test_navigation_hides_the_register_from_heads(client_for, head_a):
    page = client_for(head_a).get(reverse("home")).content.decode()
    assert f'href="{reverse("membership:schools")}"' not in page
