from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "School improvement"

    def ready(self) -> None:
        from improvement import standings
        from improvement.models import (
            InterventionAction,
            InterventionGroup,
            Report,
            ReportComment,
            ReviewItem,
            Visit,
        )
        from improvement.selectors import HEAD_QUEUES
        from membership.models import Affiliation, School
        from thep import shared
        from thep.models import User

        standings.connect()
        # What a head's queues read: reports, the answers to their comments, visits, the
        # actions they own, the schools they work at and the people named.
        shared.forget_on_change(
            HEAD_QUEUES,
            Report,
            ReportComment,
            Visit,
            ReviewItem,
            InterventionAction,
            InterventionGroup,
            InterventionGroup.members.through,
            Affiliation,
            School,
            User,
        )
