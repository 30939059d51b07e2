"""The calendar file sent with a confirmed place: one event per session, in London time."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from learning.models import Booking

LONDON = ZoneInfo("Europe/London")


def render_ics(booking: Booking) -> bytes:
    """Pure: reads the booking and its sessions, writes nothing."""
    calendar = Calendar()
    calendar.add("prodid", "-//THE Partnership//Professional learning//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    site = settings.SITE_URL.rstrip("/")
    for session in booking.event.sessions.all():
        entry = CalendarEvent()
        # Stable per booking and session, so a calendar that imports it twice updates in place.
        entry.add("uid", f"booking-{booking.pk}-session-{session.pk}@thep.org.uk")
        entry.add("summary", booking.event.title)
        entry.add("dtstart", datetime.datetime.combine(session.date, session.starts_at, LONDON))
        entry.add("dtend", datetime.datetime.combine(session.date, session.ends_at, LONDON))
        entry.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
        entry.add("location", session.where)
        entry.add("description", f"{booking.delegate_name}, {booking.school}. {site}/learning/")
        calendar.add_component(entry)
    return calendar.to_ical()
