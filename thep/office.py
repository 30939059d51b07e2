"""The THEP office's accounts: staff in the admin, never superusers, given what their work needs
by one group (made by migration thep 0006, and kept to this list by `office_group`).

Exactly what its work needs (DESIGN.md "People and what they may see"): membership, fee rates,
prices, orders, payments, imports, invitations, schools, learning events and bookings, LC
allocations and people. Never the words of reports, comments, reviews or risk notes, the MFA
devices, the sessions, the audit log's raw entries, or the groups and permissions themselves."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from thep.models import Role, User

OFFICE_GROUP = "THEP office"

VIEW_ADD_CHANGE = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

OFFICE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "thep": {
        "user": VIEW_ADD_CHANGE,
        "outboxmessage": ("view",),
        "rolechangerequest": ("view",),
        "importjob": ("view", "add"),
    },
    "membership": {
        "school": VIEW_ADD_CHANGE,
        "affiliation": ALL,
        "member": VIEW_ADD_CHANGE,
        "joining": ALL,
        "joinrequest": ("view", "change"),
        "yearopening": ("view", "add"),
        "membership": ALL,
        "feerate": VIEW_ADD_CHANGE,
        "pupilcount": ALL,
        "product": VIEW_ADD_CHANGE,
        "price": ALL,
        "purchase": ALL,
        "invoice": ALL,
        "invoiceline": ALL,
        "creditnote": VIEW_ADD_CHANGE,
        "payment": ("view", "add"),
        "invoicesettings": ("view", "change"),
        "invoicereminder": ("view",),
    },
    "learning": {
        "event": ALL,
        "session": ALL,
        "booking": ALL,
        "evaluation": ("view",),
        "schoolpolicy": ALL,
    },
    "ofsted": {
        "inspection": VIEW_ADD_CHANGE,
        "nationalfigures": VIEW_ADD_CHANGE,
        "windowoverride": ALL,
        "strategymeeting": ALL,
    },
    "improvement": {"allocation": ALL},
    "coaching": {"allocation": ALL},
    "outcomes": {"figure": ALL},
    "commission": {"headappointment": ALL},
    "surveys": {"survey": ALL, "question": ALL},
    "bulletins": {"bulletin": ALL, "newsitem": ALL},
}


def office_permission_names() -> list[tuple[str, str]]:
    """(app label, codename) of every permission the office has."""
    return [
        (app, f"{action}_{model}")
        for app, models in OFFICE_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]


def office_group() -> Group:
    """The office's group with exactly its permissions, made again if it has gone (a test
    database flushed, or a deployment restored without it)."""
    group, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    wanted = set(office_permission_names())
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted}
        ).select_related("content_type")
    }
    missing = sorted(wanted - found.keys())
    if missing:
        raise Permission.DoesNotExist(f"Permissions the office needs are missing: {missing}")
    group.permissions.set([found[name] for name in wanted])
    return group


def office_group_grant(apps, app_label: str) -> None:
    """For the migration that adds an app's models the office works on: their permissions,
    made now (Django makes them only after every migration has run), given to the office's
    group (thep 0006) as OFFICE_PERMISSIONS lists them."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name=OFFICE_GROUP).first()
    if group is not None:
        codenames = [code for app, code in office_permission_names() if app == app_label]
        group.permissions.add(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )


def office_account_create(*, email: str, first_name: str = "", last_name: str = "") -> User:
    """An office account without a password: the person sets one from an invitation or a
    password-reset link, so nobody else ever knows it."""
    with transaction.atomic():
        person = User.objects.create_user(
            email, first_name=first_name, last_name=last_name, role=Role.ADMIN, is_staff=True
        )
        person.groups.add(office_group())
    return person
