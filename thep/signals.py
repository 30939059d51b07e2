"""Security bookkeeping: who logged in or failed to, and ending sessions when access changes."""

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from allauth.mfa.signals import authentication_failed as mfa_authentication_failed
from allauth.mfa.signals import authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from thep.lockout import login_failures_clear
from thep.models import SecurityEvent, User
from thep.security import MFA_OK, sessions_end


def client_ip(request: HttpRequest | None) -> str | None:
    """The address allauth's rate limits use too: the trusted proxy's X-Forwarded-For entry
    behind a load balancer (ALLAUTH_TRUSTED_PROXY_COUNT), otherwise the connection's."""
    if request is None:
        return None
    try:
        return get_account_adapter(request).get_client_ip(request)
    except PermissionDenied:  # allauth found no address it could read
        return None


def record(kind: str, request: HttpRequest | None = None, **fields) -> None:
    SecurityEvent.objects.create(
        kind=kind,
        ip_address=client_ip(request),
        path=request.path[:500] if request is not None else "",
        **fields,
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    record(SecurityEvent.Kind.LOGIN, request, person=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(SecurityEvent.Kind.LOGOUT, request, person=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "")[:254]
    record(
        SecurityEvent.Kind.LOGIN_FAILED,
        request,
        email=email,
        person=User.objects.filter(email__iexact=email).first() if email else None,
    )


@receiver(password_reset)
def _password_reset(sender, request, user, **kwargs) -> None:
    # The link went to the person's address: whoever followed it may stop waiting.
    login_failures_clear(email=user.email)


@receiver(mfa_authentication_failed)
def _mfa_code_wrong(sender, request, user, reauthentication: bool = False, **kwargs) -> None:
    step = "confirming it is them" if reauthentication else "logging in"
    record(
        SecurityEvent.Kind.LOGIN_FAILED,
        request,
        person=user,
        email=user.email,
        detail=f"wrong two-factor code when {step}",
    )


@receiver(authenticator_removed)
def _authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    request.session.pop(MFA_OK, None)
    # Other devices got in with the factor just removed: they log in again without it.
    _end_sessions(user, "two-factor method removed", keep=request.session.session_key)


# What decides what a person may see. Changing any of these (or losing a school, below) ends
# every session they have, so that nobody keeps a page open with access they no longer have.
ACCESS_FIELDS = ("is_active", "role", "director_kind", "is_staff", "is_superuser")


@receiver(pre_save, sender=User)
def _remember_access(sender, instance: User, **kwargs) -> None:
    if instance.pk:
        instance._access_before = User.objects.filter(pk=instance.pk).values(*ACCESS_FIELDS).first()


def _access_lost(before: dict, after: User) -> str:
    """Why the change takes access away, or "" if it does not (being given more is not)."""
    if before["is_active"] and not after.is_active:
        return "deactivated"
    if before["role"] != after.role or before["director_kind"] != after.director_kind:
        return "role changed"
    if (before["is_staff"] and not after.is_staff) or (
        before["is_superuser"] and not after.is_superuser
    ):
        return "office access removed"
    return ""


def _end_sessions(person: User, why: str, keep: str | None = None) -> None:
    ended = sessions_end(person=person, keep=keep)
    detail = f"{ended} sessions ended: {why}"[:200]
    record(SecurityEvent.Kind.SESSIONS_ENDED, person=person, detail=detail)


@receiver(post_save, sender=User)
def _email_of_record_is_verified(
    sender, instance: User, created: bool, update_fields=None, **kwargs
) -> None:
    """The address the office gives a person is where their invitation and reset links go: it
    is their verified primary one (thep.migrations.0007 did the same for everyone before). The
    office can change it only before the person's first login (thep.admin.UserAdmin)."""
    email = instance.email.strip().lower()
    if not email or EmailAddress.objects.filter(user=instance, email=email).exists():
        return
    if created or (update_fields is None and instance.last_login is None):
        EmailAddress.objects.filter(user=instance).delete()
        if not EmailAddress.objects.filter(email=email, verified=True).exists():
            EmailAddress.objects.create(user=instance, email=email, verified=True, primary=True)


@receiver(post_save, sender=User)
def _end_sessions_when_access_shrinks(sender, instance: User, created: bool, **kwargs) -> None:
    before = getattr(instance, "_access_before", None)
    if created or before is None:
        return
    why = _access_lost(before, instance)
    if why:
        _end_sessions(instance, why)


# Named by label: thep comes before membership and does not import it.
@receiver(post_delete, sender="membership.Affiliation")
def _end_sessions_when_a_school_is_taken_away(sender, instance, origin=None, **kwargs) -> None:
    # When the person themselves is deleted their sessions go with them, and an event written
    # now would point at a row about to disappear.
    if isinstance(origin, User) or getattr(origin, "model", None) is User:
        return
    _end_sessions(instance.person, f"no longer at {instance.school}")
