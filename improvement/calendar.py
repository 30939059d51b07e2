"""An LC's visits as an iCalendar feed, at an address whose secret key stands for the login
(calendar apps cannot log in). The key is random and kept per person: it stops working when
the LC makes a new one, is deactivated or stops being an LC."""

import datetime
import re
import secrets

from django.http import Http404
from django.utils import timezone
from icalendar import Calendar, Event

from improvement.models import CalendarFeed, Visit
from thep.models import Role, User


def calendar_token(user: User) -> str:
    """The LC's current key, made the first time it is asked for."""
    feed, _ = CalendarFeed.objects.get_or_create(
        person=user, defaults={"key": secrets.token_urlsafe(32)}
    )
    return feed.key


def calendar_token_renew(user: User) -> str:
    """A new key: the old address stops working at once."""
    key = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(person=user, defaults={"key": key})
    return key


# What secrets.token_urlsafe makes: any other address is not a key, and is not looked up.
_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


def consultant_from_token(token: str) -> User:
    """The current LC whose key this is; a 404 for any other."""
    if not _KEY.fullmatch(token):
        raise Http404
    feed = (
        CalendarFeed.objects.filter(key=token, person__is_active=True, person__role=Role.CONSULTANT)
        .select_related("person")
        .first()
    )
    if feed is None:
        raise Http404
    return feed.person


def visits_calendar(consultant: User) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//THE Partnership//LC visits//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "THEP visits")
    zone = timezone.get_current_timezone()
    since = timezone.localdate() - datetime.timedelta(days=365)
    for visit in Visit.objects.filter(consultant=consultant, date__gte=since).select_related(
        "school"
    ):
        event = Event()
        event.add("uid", f"visit-{visit.pk}@the-partnership.org.uk")
        event.add("summary", f"LC visit: {visit.school.name}")
        event.add("description", f"Focus: {visit.focus}")
        event.add("dtstart", datetime.datetime.combine(visit.date, visit.start_time, zone))
        event.add("dtend", visit.ends_at.replace(tzinfo=zone))
        event.add("dtstamp", visit.created_at)
        if visit.school.address:
            event.add("location", visit.school.address)
        calendar.add_component(event)
    return calendar.to_ical()
