import pytest
from django.urls import reverse

from thep.models import User


def test_head_logs_in_with_email_and_password_and_lands_home(client, head_a):
    response = client.post(
        reverse("account_login"),
        {"login": "head.a@example.org", "password": "thep-demo-2026"},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Bonner Primary School" in page


def test_wrong_password_says_so_and_keeps_the_email(client, head_a):
    response = client.post(
        reverse("account_login"), {"login": "head.a@example.org", "password": "wrong-password"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "not correct" in page
    assert 'value="head.a@example.org"' in page
    assert "_auth_user_id" not in client.session


def test_there_is_no_signup_page(client, db):
    assert client.get("/accounts/signup/").status_code == 404
    response = client.post(
        "/accounts/signup/", {"email": "new@example.org", "password1": "a-long-password-1"}
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="new@example.org").exists()


def test_login_page_offers_no_signup_link(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert "/accounts/signup/" not in page
    assert reverse("account_reset_password") in page


def test_failed_logins_are_rate_limited(client, head_a):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": head_a.email, "password": "nope-nope"})
    response = client.post(
        reverse("account_login"), {"login": head_a.email, "password": "thep-demo-2026"}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_admin_login_goes_through_the_rate_limited_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_admin_is_refused_to_people_who_are_not_office_staff(client_for, director):
    client = client_for(director)
    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/admin/membership/school/").status_code == 302


def test_office_staff_open_the_admin(client_for, office_admin):
    assert client_for(office_admin).get("/admin/").status_code == 200


def test_logout(client_for, head_a):
    client = client_for(head_a)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_sends_a_link_that_works(client, head_a, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": head_a.email})
    assert len(mailoutbox) == 1
    link = next(
        word for word in mailoutbox[0].body.split() if "/accounts/password/reset/key/" in word
    )
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    client.post(form_url, {"password1": "a-new-long-password", "password2": "a-new-long-password"})
    head_a.refresh_from_db()
    assert head_a.check_password("a-new-long-password")


def test_password_reset_for_an_unknown_address_sends_nothing(client, db, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302  # the same answer as for a known address
    assert mailoutbox == []
