"""Staff whose role needs two-factor authentication enrol their authenticator on the way in from
their invitation: a password alone never lets someone set up their own phone on the account."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import UserFactory, totp_code
from thep.models import DirectorKind, Role
from thep.services import invitation_link


def _new_director(**fields):
    return UserFactory(
        email="new.director@example.org",
        role=Role.DIRECTOR,
        director_kind=DirectorKind.EXECUTIVE,
        mfa=False,
        **fields,
    )


def _enrol(client) -> None:
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})


def test_a_password_alone_does_not_let_staff_without_two_factor_in(client, db):
    person = _new_director()
    response = client.post(
        reverse("account_login"),
        {"login": person.email, "password": "thep-demo-2026"},
        follow=True,
    )
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "invitation" in page and "office" in page
    # Not even the page that would enrol a phone.
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_login"))
    assert not Authenticator.objects.filter(user=person).exists()


def test_heads_without_two_factor_still_log_in_with_a_password(client, head_a):
    client.post(reverse("account_login"), {"login": head_a.email, "password": "thep-demo-2026"})
    assert client.session["_auth_user_id"] == str(head_a.pk)


def test_the_invitation_sets_the_password_then_enrols_before_any_page(client, db, school_a):
    person = _new_director(password=None)
    link = invitation_link(person=person).split("://", 1)[1].split("/", 1)[1]
    form_url = client.get("/" + link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": "chosen-by-the-dir-1", "password2": "chosen-by-the-dir-1"})
    assert client.session["_auth_user_id"] == str(person.pk)

    for url in (reverse("home"), reverse("account_email"), reverse("account_change_password")):
        assert client.get(url)["Location"] == reverse("mfa_activate_totp")

    # Setting it up asks for the new password once more, as it does for everyone.
    client.post(reverse("account_reauthenticate"), {"password": "chosen-by-the-dir-1"})
    _enrol(client)
    assert Authenticator.objects.filter(user=person, type="totp").exists()
    assert client.get(reverse("home")).status_code == 200


def test_an_address_waiting_for_its_link_does_not_block_enrolment(client, db):
    person = _new_director()
    EmailAddress.objects.create(user=person, email="pending@elsewhere.org")
    client.force_login(person)
    client.post(reverse("account_reauthenticate"), {"password": "thep-demo-2026"})
    _enrol(client)
    assert Authenticator.objects.filter(user=person, type="totp").exists()
