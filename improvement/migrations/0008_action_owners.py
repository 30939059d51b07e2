"""Review-group and TIG actions get an owner on the portal, a due date and a status. A TIG
action's old free-text owner is kept as its `owner_name`; actions already done are marked so."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def mark_done(apps, schema_editor):
    apps.get_model("improvement", "InterventionAction").objects.filter(
        done_on__isnull=False
    ).update(status="done")


class Migration(migrations.Migration):
    dependencies = [
        ("improvement", "0007_report_conversation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="interventionaction", old_name="owner", new_name="owner_name"
        ),
        migrations.AlterField(
            model_name="interventionaction",
            name="owner_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="who"),
        ),
        migrations.AddField(
            model_name="interventionaction",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="interventionaction",
            name="status",
            field=models.CharField(
                choices=[("open", "Open"), ("done", "Done")], default="open", max_length=4
            ),
        ),
        migrations.RunPython(mark_done, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="interventionaction",
            constraint=models.CheckConstraint(
                condition=models.Q(("done_on__isnull", True), ("status", "open"))
                | models.Q(("done_on__isnull", False), ("status", "done")),
                name="intervention_action_done_on_a_day",
            ),
        ),
        migrations.AddField(
            model_name="reviewitem",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="reviewitem",
            name="due_on",
            field=models.DateField(blank=True, null=True, verbose_name="due by"),
        ),
        migrations.AddField(
            model_name="reviewitem",
            name="status",
            field=models.CharField(
                choices=[("open", "Open"), ("done", "Done")], default="open", max_length=4
            ),
        ),
        migrations.AddField(
            model_name="reviewitem",
            name="done_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="reviewitem",
            constraint=models.CheckConstraint(
                condition=models.Q(("done_on__isnull", True), ("status", "open"))
                | models.Q(("done_on__isnull", False), ("status", "done")),
                name="review_item_done_on_a_day",
            ),
        ),
        migrations.AddIndex(
            model_name="reviewitem",
            index=models.Index(
                condition=models.Q(("status", "open")), fields=["due_on"], name="review_item_open"
            ),
        ),
    ]
