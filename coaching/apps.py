from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = "Executive coaching"

    def ready(self) -> None:
        from coaching.models import Allocation, Session
        from coaching.selectors import HEAD_PANEL
        from membership.models import Membership, Purchase, School
        from thep import shared

        # What a head's coaching panel reads: its coach and sessions, the sessions bought,
        # membership (the core sessions) and the school (a new head gets more).
        shared.forget_on_change(HEAD_PANEL, Allocation, Session, Purchase, Membership, School)
