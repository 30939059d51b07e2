"""Failed logins, per account. allauth limits failures per client address; here each failure
for an address past THEP_LOGIN_FAILURES_BEFORE_DELAY makes the next try wait twice as long as
the last (capped), and the person is told by email when the waiting starts. There is no hard
lock: someone who knows a person's address cannot shut them out, and a device the person has
logged in from before (a signed cookie set at login) does not wait at all.

Counted by the address as typed, known or not, so that the answer never shows whether an
account exists, and failures on an address with no account touch nobody's."""

import hashlib
import math
from time import time as clock  # a name of its own, for the tests to move

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from thep.mail import mail_queue
from thep.models import User

DEVICE_COOKIE = "thep_device"
DEVICE_SALT = "thep.lockout.device"
DEVICE_MAX_AGE = 400 * 24 * 60 * 60  # a school year and a holiday, and then some
FAILURES_KEPT_SECONDS = 24 * 60 * 60


def _key(email: str) -> str:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return f"thep:login-failures:{digest}"


def login_wait(*, email: str) -> int:
    """Seconds before a password for this address is checked again; 0 when it may be now."""
    state = cache.get(_key(email))
    if not state:
        return 0
    return max(0, math.ceil(state["until"] - clock()))


def login_failed(*, email: str) -> None:
    """Count a wrong password for the address; from the threshold on, make the next try wait
    2, 4, 8... seconds, and tell the person when the waiting first starts."""
    key = _key(email)
    failures = (cache.get(key) or {"failures": 0})["failures"] + 1
    beyond = failures - settings.THEP_LOGIN_FAILURES_BEFORE_DELAY
    wait = min(2 ** (beyond + 1), settings.THEP_LOGIN_DELAY_MAX_SECONDS) if beyond >= 0 else 0
    cache.set(key, {"failures": failures, "until": clock() + wait}, FAILURES_KEPT_SECONDS)
    if beyond == 0:
        _tell_the_person(email)


def login_failures_clear(*, email: str) -> None:
    """The person reset their password, through the link sent to them: they start again."""
    cache.delete(_key(email))


def _tell_the_person(email: str) -> None:
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        return
    mail_queue(
        kind="thep.login_failures",
        to=[person.email],
        subject="Failed logins to your THE Partnership account",
        body=render_to_string(
            "thep/email/login_failures.txt",
            {"person": person, "failures": settings.THEP_LOGIN_FAILURES_BEFORE_DELAY},
        ),
    )


def device_remember(response: HttpResponse, *, person: User) -> None:
    """Mark the browser a person has just logged in from (password and any second factor)."""
    response.set_signed_cookie(
        DEVICE_COOKIE,
        str(person.pk),
        salt=DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def device_known(request: HttpRequest, *, email: str) -> bool:
    """Whether this browser has logged in before as the person with this address."""
    pk = request.get_signed_cookie(
        DEVICE_COOKIE, default=None, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE
    )
    if pk is None or not pk.isdigit():
        return False
    return User.objects.filter(pk=int(pk), email__iexact=email.strip()).exists()
