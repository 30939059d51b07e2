from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Professional learning"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from learning.models import Booking, Decision, Evaluation, Event, SchoolPolicy, Session

        # Who booked, cancelled, approved or declined, changed prices or evaluated, for the
        # audit trail.
        # Only each row's own columns: left to itself auditlog also lists reverse relations.
        for model in (Event, Session, Booking, SchoolPolicy, Evaluation, Decision):
            columns = [field.name for field in model._meta.concrete_fields]
            auditlog.register(model, include_fields=columns)
