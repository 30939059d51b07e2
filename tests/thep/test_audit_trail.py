import pytest
from django.urls import reverse


def test_directors_search_changes_and_logins(client, client_for, director, head_a):
    client.post(reverse("account_login"), {"login": head_a.email, "password": "wrong-one"})
    head_a.job_title = "Headteacher and SENCo"
    head_a.save()
    page = client_for(director).get(reverse("audit"), {"q": "Helen"}).content.decode()
    assert "<td>Failed login" in page
    assert "Headteacher and SENCo" in page


def test_audit_search_narrows_by_kind(client, client_for, office_admin, head_a):
    client.post(reverse("account_login"), {"login": head_a.email, "password": "wrong-one"})
    page = client_for(office_admin).get(reverse("audit"), {"kind": "login"}).content.decode()
    assert "<td>Failed login" not in page
    assert "<td>Logged in" in page  # the office admin's own login


@pytest.mark.parametrize("person", ["head_a", "staff_a", "lc_a", "la_officer"])
def test_nobody_else_sees_the_audit_trail(request, client_for, person):
    assert client_for(request.getfixturevalue(person)).get(reverse("audit")).status_code == 404


def test_audit_page_query_count_does_not_grow(
    client_for, director, head_a, django_assert_max_num_queries
):
    for n in range(30):
        head_a.job_title = f"title {n}"
        head_a.save()
    client = client_for(director)
    client.get(reverse("home"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("audit")).status_code == 200
