"""Reads of monitoring and moderation. Who sees which visits is decided here and nowhere else:

- a moderator, the visits assigned to them (so the schools assigned to them);
- the office, which draws and arranges, and directors: every visit;
- nobody else. The LA sees counts of what was done (`moderation.delivery`), never a visit."""

from django.db.models import F, QuerySet

from moderation.models import Draw, Pick, Visit
from thep.models import User


def visits_for(*, user: User) -> QuerySet[Visit]:
    visits = Visit.objects.select_related("pick__school", "pick__draw", "moderator")
    if not user.is_authenticated or not user.is_active:
        return visits.none()
    if user.is_moderator:
        return visits.filter(moderator=user)
    if user.is_office or user.is_director:
        return visits
    return visits.none()


def picks_of(*, draw: Draw) -> QuerySet[Pick]:
    """A draw's schools, with their visits if arranged (for those who oversee it)."""
    return draw.picks.select_related("school", "visit__moderator").order_by("kind", "school__name")


def draws_of(*, year: int) -> QuerySet[Draw]:
    """A year's draws: the current one first, then those it superseded, latest first."""
    return (
        Draw.objects.filter(year=year)
        .select_related("drawn_by")
        .order_by(F("superseded_at").desc(nulls_first=True), "-drawn_at")
    )
