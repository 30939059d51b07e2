"""The THEP office's group: staff, never superusers, whose permissions all come from it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# The list lives with the code that keeps the group to it (thep.office), so that there is one.
from thep.office import OFFICE_GROUP, office_permission_names


def office_group(apps, schema_editor) -> None:
    # Permissions are made after all migrations have run; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Models added by later migrations give their permissions to the group themselves.
    permissions = [
        permission
        for app, codename in office_permission_names()
        for permission in Permission.objects.filter(
            content_type__app_label=app, codename=codename
        )
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
