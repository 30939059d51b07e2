from django.db import migrations, models

FILL = """
UPDATE improvement_report AS report
SET due_by = visit.date + 14
FROM improvement_visit AS visit
WHERE visit.id = report.visit_id
"""  # AGREEMENT_DAYS


class Migration(migrations.Migration):
    dependencies = [("improvement", "0004_calendarfeed")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="due_by",
            field=models.DateField(null=True, verbose_name="agreement due by"),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="report",
            name="due_by",
            field=models.DateField(verbose_name="agreement due by"),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                condition=models.Q(("status__in", ["draft", "shared"])),
                fields=["due_by"],
                name="improvement_report_waiting",
            ),
        ),
    ]
