"""The THEP office's accounts: staff in the admin, never superusers, given what their work needs
by one group (made by migration thep 0006)."""

from django.contrib.auth.models import Group
from django.db import transaction

from thep.models import Role, User

OFFICE_GROUP = "THEP office"


def office_account_create(*, email: str, first_name: str = "", last_name: str = "") -> User:
    """An office account without a password: the person sets one from an invitation or a
    password-reset link, so nobody else ever knows it."""
    with transaction.atomic():
        person = User.objects.create_user(
            email, first_name=first_name, last_name=last_name, role=Role.ADMIN, is_staff=True
        )
        person.groups.add(Group.objects.get(name=OFFICE_GROUP))
    return person
