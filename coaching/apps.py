from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = "Executive coaching"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from coaching.models import Allocation, Session
        from coaching.selectors import HEAD_PANEL
        from membership.models import Membership, Purchase, School
        from thep import shared

        def changed(sender, **kwargs) -> None:
            shared.forget(HEAD_PANEL)

        # What a head's coaching panel reads: its coach and sessions, the sessions bought,
        # membership (the core sessions) and the school (a new head gets more).
        for model in (Allocation, Session, Purchase, Membership, School):
            uid = f"coaching-head-panel-{model._meta.label}"
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-saved")
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-gone")
