from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Professional learning"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from learning.models import (
            Booking,
            BookingSwap,
            Decision,
            Evaluation,
            Event,
            SchoolPolicy,
            Session,
        )

        # Who booked, cancelled, approved or declined, changed prices or evaluated, for the
        # audit trail.
        # Only each row's own columns: left to itself auditlog also lists reverse relations.
        # Never a delegate's access or dietary needs: the trail is kept for years, and they go
        # a month after the event (learning.privacy). Nor the search column, worked out from
        # the event's words.
        for model in (Event, Session, Booking, SchoolPolicy, Evaluation, Decision):
            columns = [
                field.name
                for field in model._meta.concrete_fields
                if field.name not in ("access_needs", "dietary_needs", "search")
            ]
            auditlog.register(model, include_fields=columns)

        from learning.selectors import SCHOOL_BOOKINGS
        from membership.models import Affiliation, Invoice, InvoiceLine, School
        from thep import shared
        from thep.models import User

        # What a school person's queues and bookings page read: bookings, who they passed
        # between, their events and sessions (the dates), evaluations given, the invoices that
        # charge them, the schools' names, who works where and manages bookings, and the person
        # (their email address finds places booked for them before they had an account).
        shared.forget_on_change(
            SCHOOL_BOOKINGS,
            Booking,
            BookingSwap,
            Event,
            Session,
            Evaluation,
            Invoice,
            InvoiceLine,
            School,
            Affiliation,
            User,
        )
