from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "School improvement"

    def ready(self) -> None:
        from improvement import standings
        from improvement.models import (
            Allocation,
            DiagnosticReview,
            InterventionAction,
            InterventionGroup,
            InterventionReview,
            Report,
            ReportComment,
            ReviewItem,
            Visit,
        )
        from improvement.selectors import PANELS
        from membership import standings as school_standings
        from membership.models import Affiliation, Member, Membership, Purchase, School
        from thep import shared
        from thep.models import User

        standings.connect()
        # What a head's, an LC's and a director's queues and a school page's visits panel read:
        # reports, the comments on them and answers, visits, the LCs' schools and the visits each
        # is owed (membership, visits bought, a new head), diagnostic reviews, the actions people
        # own, TIGs and their reviews, who works where, names, and the schools' stored standings
        # (the Ofsted windows opening).
        shared.forget_on_change(
            PANELS,
            Report,
            ReportComment,
            Visit,
            Allocation,
            DiagnosticReview,
            Member,
            Membership,
            Purchase,
            ReviewItem,
            InterventionAction,
            InterventionGroup,
            InterventionGroup.members.through,
            InterventionReview,
            Affiliation,
            School,
            User,
        )
        school_standings.stored.connect(
            lambda sender, **kwargs: shared.forget(PANELS),
            weak=False,
            dispatch_uid="improvement-panels-standings",
        )
