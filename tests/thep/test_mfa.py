import json
from importlib import import_module

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.apps import apps as django_apps
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory, totp_code
from thep.models import DirectorKind, Role


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        (Role.CONSULTANT, ""),
        (Role.DIRECTOR, DirectorKind.EXECUTIVE),
        (Role.LA_OFFICER, ""),
        (Role.ADMIN, ""),
    ],
)
def test_roles_seeing_many_schools_must_set_up_mfa_first(client, db, role, kind, school_a):
    person = UserFactory(role=role, director_kind=kind, mfa=False, is_staff=role == Role.ADMIN)
    client.force_login(person)
    for url in (reverse("home"), f"/schools/{school_a.urn}/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    # Setting it up asks for the password again first, then shows the authenticator page.
    assert client.get(reverse("mfa_activate_totp"), follow=True).status_code == 200


def test_heads_are_offered_mfa_but_not_made_to(client_for, head_a):
    assert client_for(head_a).get(reverse("home")).status_code == 200


@override_settings(THEP_MFA_REQUIRED_FOR_ALL=True)
def test_a_setting_requires_mfa_of_heads_too(client_for, head_a):
    response = client_for(head_a).get(reverse("home"))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_login_asks_for_the_code_and_lets_in_only_with_it(client, director):
    response = client.post(
        reverse("account_login"), {"login": director.email, "password": "thep-demo-2026"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_code(director.totp_secret)})
    assert client.session["_auth_user_id"] == str(director.pk)
    assert client.get(reverse("home")).status_code == 200


def test_authenticator_keys_are_not_stored_in_the_clear(director):
    stored = json.dumps(list(Authenticator.objects.filter(user=director).values("data")))
    assert director.totp_secret not in stored
    seed = RecoveryCodes(Authenticator.objects.get(user=director, type="recovery_codes"))
    assert all(code not in stored for code in seed.get_unused_codes())


def test_two_factor_still_works_after_the_secret_key_is_rotated(client, director, settings):
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-with-enough-characters-0987654321"
    client.post(reverse("account_login"), {"login": director.email, "password": "thep-demo-2026"})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(director.totp_secret)})
    assert client.session["_auth_user_id"] == str(director.pk)


def test_keys_stored_in_the_clear_before_are_encrypted_and_still_work(client, director):
    totp = Authenticator.objects.get(user=director, type="totp")
    totp.data["secret"] = director.totp_secret  # as stored before keys were encrypted
    totp.save()
    encryption = import_module("thep.migrations.0003_encrypt_mfa_secrets")
    encryption.encrypt_secrets(django_apps, None)
    encryption.encrypt_secrets(django_apps, None)  # a second run leaves it as it is
    totp.refresh_from_db()
    assert totp.data["secret"] != director.totp_secret
    client.post(reverse("account_login"), {"login": director.email, "password": "thep-demo-2026"})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(director.totp_secret)})
    assert client.session["_auth_user_id"] == str(director.pk)


def test_a_password_reset_does_not_skip_the_code(client, director, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": director.email})
    link = next(w for w in mailoutbox[0].body.split() if "/accounts/password/reset/key/" in w)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = {"password1": "a-new-long-password", "password2": "a-new-long-password"}
    response = client.post(form_url, new)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
