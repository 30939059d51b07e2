"""Each school's stored risk (membership.standings says when): `school_risks`' level and
reasons, kept for the risk register."""

from collections.abc import Iterable

from django.utils import timezone

from improvement.models import DiagnosticReview, RiskRating, RiskStanding
from improvement.risk import school_risks
from membership import standings
from membership.models import School


def risk_standings_refresh(*, school_ids: Iterable[int]) -> None:
    today = timezone.localdate()
    risks = school_risks(schools=School.objects.filter(pk__in=list(school_ids)), today=today)
    rows = [
        RiskStanding(
            school=risk.school,
            level=risk.level,
            reasons=risk.reasons,
            public_reasons=risk.public_reasons,
            computed_on=today,
        )
        for risk in risks
    ]
    fields = ["level", "reasons", "public_reasons", "computed_on"]
    standings.store(RiskStanding, rows, fields=fields)


def _refresh(sender, school_ids: set[int], **kwargs) -> None:
    risk_standings_refresh(school_ids=school_ids)


def _school_of_rating(rating: RiskRating) -> int | None:
    reviews = DiagnosticReview.objects.filter(pk=rating.review_id)
    return reviews.values_list("school_id", flat=True).first()


def connect() -> None:
    """Called once, when the app is ready."""
    standings.schools_changed.connect(_refresh, dispatch_uid="improvement-standings")
    standings.follow(DiagnosticReview, school_id=lambda review: review.school_id, name="review")
    standings.follow(RiskRating, school_id=_school_of_rating, name="rating")
