from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Professional learning"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from learning.models import Booking, Event, SchoolPolicy, Session

        # Who booked, cancelled, approved or changed prices, for the audit trail.
        for model in (Event, Session, Booking, SchoolPolicy):
            auditlog.register(model)
