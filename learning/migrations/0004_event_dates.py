from django.db import migrations, models

FILL = """
UPDATE learning_event AS event
SET starts_on = dates.first, ends_on = dates.last
FROM (
    SELECT event_id, MIN(date) AS first, MAX(date) AS last
    FROM learning_session GROUP BY event_id
) AS dates
WHERE dates.event_id = event.id
"""


class Migration(migrations.Migration):
    dependencies = [("learning", "0003_event_cancellation_reason_event_cancelled_on")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="starts_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="event",
            name="ends_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["starts_on"], name="learning_event_starts_on"),
        ),
    ]
