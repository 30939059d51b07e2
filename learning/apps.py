from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Professional learning"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from learning.models import Booking, Evaluation, Event, SchoolPolicy, Session

        # Who booked, cancelled, approved, changed prices or evaluated, for the audit trail.
        # Only each row's own columns: left to itself auditlog also lists reverse relations.
        # Never a delegate's access or dietary needs: the trail is kept for years, and they go
        # a month after the event (learning.privacy).
        for model in (Event, Session, Booking, SchoolPolicy, Evaluation):
            columns = [
                field.name
                for field in model._meta.concrete_fields
                if field.name not in ("access_needs", "dietary_needs")
            ]
            auditlog.register(model, include_fields=columns)
