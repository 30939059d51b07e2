"""Changing email, password or two-factor authentication asks who is at the keyboard again."""

import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse


def test_adding_an_email_address_asks_for_the_password_first(client_for, head_a):
    client = client_for(head_a)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="new@example.org").exists()

    client.post(response["Location"], {"password": "thep-demo-2026"})
    client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert EmailAddress.objects.filter(user=head_a, email="new@example.org").exists()


def test_a_wrong_password_does_not_count_as_asking_again(client_for, head_a):
    client = client_for(head_a)
    client.post(reverse("account_reauthenticate"), {"password": "not-my-password"})
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="new@example.org").exists()


def test_changing_the_password_needs_the_current_one(client_for, head_a):
    client = client_for(head_a)
    new = {"password1": "a-new-long-password", "password2": "a-new-long-password"}
    client.post(reverse("account_change_password"), {"oldpassword": "a-guess", **new})
    head_a.refresh_from_db()
    assert head_a.check_password("thep-demo-2026")
    client.post(reverse("account_change_password"), {"oldpassword": "thep-demo-2026", **new})
    head_a.refresh_from_db()
    assert head_a.check_password("a-new-long-password")


def test_turning_off_two_factor_asks_for_the_password_first(client_for, director):
    client = client_for(director)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert Authenticator.objects.filter(user=director, type="totp").exists()

    client.post(response["Location"], {"password": "thep-demo-2026"})
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=director, type="totp").exists()


def test_a_new_password_needs_twelve_characters(client_for, head_a):
    client = client_for(head_a)
    short = {"password1": "Tower-Ham11", "password2": "Tower-Ham11"}
    page = client.post(
        reverse("account_change_password"), {"oldpassword": "thep-demo-2026", **short}
    ).content.decode()
    assert "at least 12 characters" in page
    head_a.refresh_from_db()
    assert head_a.check_password("thep-demo-2026")


def test_removing_two_factor_logs_out_the_other_devices(client, director):
    other = Client()
    credentials = {"login": director.email, "password": "thep-demo-2026"}
    for device, step in ((other, 0), (client, 1)):
        device.post(reverse("account_login"), credentials)
        # One code per login: the authenticator app shows a new one every 30 seconds.
        code = format_hotp_value(hotp_value(director.totp_secret, int(time.time()) // 30 - step))
        device.post(reverse("mfa_authenticate"), {"code": code})
    assert other.get(reverse("home")).status_code == 200
    client.post(reverse("account_reauthenticate"), {"password": "thep-demo-2026"})
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=director, type="totp").exists()
    assert other.get(reverse("home")).status_code == 302
    assert client.get(reverse("mfa_index")).status_code == 200
