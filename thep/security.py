from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings

from thep.models import User

MFA_OK = "thep_mfa_ok"


def mfa_required(user: User) -> bool:
    return (
        settings.THEP_MFA_REQUIRED_FOR_ALL
        or user.role in settings.THEP_MFA_REQUIRED_ROLES
        or (user.is_staff and "admin" in settings.THEP_MFA_REQUIRED_ROLES)
    )


def mfa_missing(user: User) -> bool:
    if not mfa_required(user):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mfa_missing_cached(request) -> bool:
    """mfa_missing, remembered in the session once the person has it (one query less per
    page); removing an authenticator forgets it (see thep.signals)."""
    if request.session.get(MFA_OK):
        return False
    missing = mfa_missing(request.user)
    if not missing:
        request.session[MFA_OK] = True
    return missing


def sessions_end(*, person: User, keep: str | None = None) -> int:
    """End every session the person has, on every device, except the one whose key is `keep`.
    Returns how many were ended."""
    sessions = list(UserSession.objects.filter(user=person).exclude(session_key=keep))
    for session in sessions:
        session.end()
    return len(sessions)
