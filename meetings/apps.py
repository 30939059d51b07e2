from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "general meetings"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from meetings.models import (
            Appointment,
            Attendance,
            Delegate,
            Meeting,
            Paper,
            Resolution,
            Vote,
        )

        # Who set up a meeting, added its papers and resolutions, opened and closed voting, who
        # came, who named which delegate, each school's vote and who cast it, and the directors
        # appointed: the record of the members' decisions.
        for model in (Meeting, Paper, Attendance, Delegate, Resolution, Vote, Appointment):
            auditlog.register(
                model, include_fields=[field.name for field in model._meta.concrete_fields]
            )
