"""What a bulletin lists beside its news: the catalogue's coming events."""

import datetime

from django.db.models import QuerySet

from learning.models import Event


def coming_events(*, after: datetime.date, weeks: int) -> QuerySet[Event]:
    """Published events, not cancelled, whose first session falls in the `weeks` after the
    day (the day itself excluded: a bulletin read that day is too late to book them)."""
    return (
        Event.objects.filter(
            published=True,
            cancelled_on__isnull=True,
            starts_on__gt=after,
            starts_on__lte=after + datetime.timedelta(weeks=weeks),
        )
        .order_by("starts_on", "title")
        .prefetch_related("sessions")
    )
