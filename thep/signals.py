"""Security bookkeeping: who logged in or failed to, and ending sessions when access changes."""

from allauth.mfa.signals import authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from thep.models import SecurityEvent, User
from thep.security import MFA_OK, sessions_end


def client_ip(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


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


@receiver(authenticator_removed)
def _authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    request.session.pop(MFA_OK, None)


@receiver(pre_save, sender=User)
def _remember_access(sender, instance: User, **kwargs) -> None:
    if instance.pk:
        before = User.objects.filter(pk=instance.pk).values("is_active", "role").first()
        instance._access_before = before


@receiver(post_save, sender=User)
def _end_sessions_when_access_shrinks(sender, instance: User, created: bool, **kwargs) -> None:
    before = getattr(instance, "_access_before", None)
    if created or before is None:
        return
    lost_access = (before["is_active"] and not instance.is_active) or before[
        "role"
    ] != instance.role
    if lost_access:
        ended = sessions_end(person=instance)
        record(
            SecurityEvent.Kind.SESSIONS_ENDED,
            person=instance,
            detail=f"{ended} sessions ended: deactivated or role changed",
        )
