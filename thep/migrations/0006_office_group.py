"""The THEP office: staff, never superusers, whose permissions all come from this one group.

Exactly what its work needs (DESIGN.md "People and what they may see"): membership, fee rates,
prices, orders, payments, imports, invitations, schools, learning events and bookings, LC
allocations and people. Never the words of reports, comments, reviews or risk notes, the MFA
devices, the sessions or the groups and permissions themselves."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICE_GROUP = "THEP office"

VIEW_ADD_CHANGE = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

OFFICE_PERMISSIONS = {
    "thep": {"user": VIEW_ADD_CHANGE, "outboxmessage": ("view",), "rolechangerequest": ("view",)},
    "membership": {
        "school": VIEW_ADD_CHANGE,
        "affiliation": ALL,
        "member": VIEW_ADD_CHANGE,
        "joining": ALL,
        "membership": ALL,
        "feerate": VIEW_ADD_CHANGE,
        "pupilcount": ALL,
        "product": VIEW_ADD_CHANGE,
        "price": ALL,
        "purchase": ALL,
        "invoice": VIEW_ADD_CHANGE,
        "invoiceline": ALL,
        "creditnote": VIEW_ADD_CHANGE,
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
}


def office_group(apps, schema_editor) -> None:
    # Permissions are made after all migrations have run; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = [
        (app, f"{action}_{model}")
        for app, models in OFFICE_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in wanted
    ]
    group, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    group.permissions.set(permissions)


def no_office_group(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name=OFFICE_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("thep", "0005_role_change_request"),
        ("membership", "0003_invoice_lines_and_places"),
        ("learning", "0004_event_dates"),
        ("ofsted", "0003_standing_outcome_summary"),
        ("improvement", "0005_report_due_by"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(office_group, no_office_group)]
