"""Demo people: one for each role, all with the password THEP_DEMO_PASSWORD."""

from django.conf import settings
from django.core.management.base import CommandError

from thep.models import DirectorKind, Role, User
from thep.office import office_group

PEOPLE = [
    ("admin@example.org", "Olu", "Adebayo", Role.ADMIN, ""),
    ("director@example.org", "Catherine", "Hale", Role.DIRECTOR, DirectorKind.EXECUTIVE),
    ("primary.director@example.org", "Imran", "Chowdhury", Role.DIRECTOR, DirectorKind.PRIMARY),
    ("secondary.director@example.org", "Ruth", "Okafor", Role.DIRECTOR, DirectorKind.SECONDARY),
    ("lc@example.org", "Martin", "Greaves", Role.CONSULTANT, ""),
    ("lc2@example.org", "Shirin", "Akhtar", Role.CONSULTANT, ""),
    ("coach@example.org", "Grace", "Adeyemi", Role.COACH, ""),
    ("head@example.org", "Helen", "Marsh", Role.HEADTEACHER, ""),
    ("head2@example.org", "David", "Osei", Role.HEADTEACHER, ""),
    ("staff@example.org", "Nadia", "Begum", Role.STAFF, ""),
    ("la@example.org", "Peter", "Lindqvist", Role.LA_OFFICER, ""),
]


def load() -> None:
    if not settings.THEP_DEMO_PASSWORD:
        raise CommandError(
            "Demo people would all have one known password, so there are none in production. "
            "Set THEP_DEMO_PASSWORD to load them anyway (a test or training copy)."
        )
    for email, first, last, role, kind in PEOPLE:
        person, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "director_kind": kind,
                "is_staff": role == Role.ADMIN,
            },
        )
        if created:
            person.set_password(settings.THEP_DEMO_PASSWORD)
            person.save(update_fields=["password"])
            if role == Role.ADMIN:  # the office works by its group, never as a superuser
                person.groups.add(office_group())
