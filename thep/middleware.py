import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from thep.security import mfa_missing_cached


class SessionLifetimeMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without a request, and in any case
    SESSION_ABSOLUTE_SECONDS after login."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("thep_started", now)
            last_seen = session.get("thep_seen", now)
            if (
                now - last_seen > settings.SESSION_IDLE_SECONDS
                or now - started > settings.SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
                messages.info(
                    request, "You were logged out to keep your account safe. Please log in again."
                )
                return redirect(f"{reverse('account_login')}?next={request.path}")
            # Saving the session on every request would write to the database each time;
            # a minute's accuracy is enough for an idle timeout.
            if now - last_seen >= 60 or "thep_seen" not in session:
                session["thep_seen"] = now
        return self.get_response(request)


class RequireMFAMiddleware:
    """People in roles that see many schools' data must set up two-factor authentication
    before they see any other page: the two-factor pages themselves, confirming their password
    for them, and logging out."""

    ALLOWED_PREFIXES = (
        "/accounts/2fa/",
        "/accounts/reauthenticate/",
        "/accounts/logout/",
        "/static/",
        "/healthz",
    )

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and mfa_missing_cached(request)
        ):
            messages.warning(
                request,
                "Your role can see confidential school information, so your account needs "
                "two-factor authentication. Please set it up with an authenticator app.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages shown to a logged-in person carry school data: browsers and proxies must not keep
    them (ASVS 8.2.1)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, private"
        return response


class RefuseNulMiddleware:
    """A NUL character has no place in an address or a form, and PostgreSQL cannot store or
    even compare one: answer 400 before any view meets it (the views' own parsers still say
    what is wrong with other bad values)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for data in (request.GET, request.POST)
            for key, values in data.lists()
        ):
            raise BadRequest("A NUL character in the address or a form.")
        return self.get_response(request)
