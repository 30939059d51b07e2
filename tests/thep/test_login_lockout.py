"""Wrong passwords slow the next try down, per account, but never lock the person out: the
first wait is emailed to them, and a device they have logged in from before does not wait."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client
from django.urls import reverse

from tests.factories import totp_code
from thep.models import OutboxMessage

TOO_MANY = "Too many failed login attempts"


def _fail(email: str, times: int) -> None:
    """Wrong passwords from addresses all over the internet (each under the limit per address)."""
    for n in range(times):
        Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(
            reverse("account_login"), {"login": email, "password": "a-wrong-guess"}
        )


def _later(monkeypatch, seconds: int) -> None:
    now = time.time() + seconds
    monkeypatch.setattr("thep.lockout.clock", lambda: now)


def test_failures_for_unknown_addresses_do_not_stop_a_real_person(client, head_a):
    for n in range(5):
        _fail(f"nobody{n}@example.org", 6)
    client.post(reverse("account_login"), {"login": head_a.email, "password": "thep-demo-2026"})
    assert client.session["_auth_user_id"] == str(head_a.pk)


def test_an_unknown_address_waits_like_a_real_one(client, head_a):
    _fail("nobody@example.org", 5)
    response = client.post(
        reverse("account_login"), {"login": "nobody@example.org", "password": "a-wrong-guess"}
    )
    assert TOO_MANY in response.content.decode()


def test_wrong_passwords_make_the_person_wait_a_little_not_be_locked_out(
    client, head_a, monkeypatch
):
    _fail(head_a.email, 5)
    response = client.post(
        reverse("account_login"), {"login": head_a.email, "password": "thep-demo-2026"}
    )
    assert TOO_MANY in response.content.decode()
    _later(monkeypatch, 3)
    client.post(reverse("account_login"), {"login": head_a.email, "password": "thep-demo-2026"})
    assert client.session["_auth_user_id"] == str(head_a.pk)


def test_each_further_failure_doubles_the_wait_up_to_a_cap(head_a, monkeypatch, settings):
    from thep.lockout import login_failed, login_wait

    start = time.time()
    waits = []
    for n in range(20):
        monkeypatch.setattr("thep.lockout.clock", lambda n=n: start + n * 10_000)
        login_failed(email=head_a.email)
        waits.append(login_wait(email=head_a.email))
    assert waits[:4] == [0, 0, 0, 0]
    assert waits[4:9] == [2, 4, 8, 16, 32]
    assert max(waits) == settings.THEP_LOGIN_DELAY_MAX_SECONDS


def test_the_person_is_told_by_email_when_the_waiting_starts(head_a, monkeypatch):
    _fail(head_a.email, 5)
    _later(monkeypatch, 3)
    _fail(head_a.email, 1)
    told = OutboxMessage.objects.filter(kind="thep.login_failures")
    assert [message.to for message in told] == [[head_a.email]]


def test_nobody_is_emailed_about_an_address_with_no_account(db):
    _fail("nobody@example.org", 6)
    assert not OutboxMessage.objects.filter(kind="thep.login_failures").exists()


def _log_in_with_code(client: Client, person, code: str) -> None:
    client.post(reverse("account_login"), {"login": person.email, "password": "thep-demo-2026"})
    client.post(reverse("mfa_authenticate"), {"code": code})


def test_the_director_logs_in_from_their_own_device_while_others_guess(director):
    own_laptop = Client()
    _log_in_with_code(own_laptop, director, totp_code(director.totp_secret))
    own_laptop.post(reverse("account_logout"))
    _fail(director.email, 8)

    # A recovery code: the authenticator's code of this half-minute has been used.
    recovery = RecoveryCodes(Authenticator.objects.get(user=director, type="recovery_codes"))
    _log_in_with_code(own_laptop, director, recovery.get_unused_codes()[0])
    assert own_laptop.session["_auth_user_id"] == str(director.pk)

    elsewhere = Client()
    response = elsewhere.post(
        reverse("account_login"), {"login": director.email, "password": "thep-demo-2026"}
    )
    assert TOO_MANY in response.content.decode()


def test_a_device_known_for_one_person_does_not_skip_the_wait_for_another(client, head_a, head_b):
    client.post(reverse("account_login"), {"login": head_a.email, "password": "thep-demo-2026"})
    client.post(reverse("account_logout"))
    _fail(head_b.email, 5)
    response = client.post(
        reverse("account_login"), {"login": head_b.email, "password": "thep-demo-2026"}
    )
    assert TOO_MANY in response.content.decode()
