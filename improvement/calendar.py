"""An LC's visits as an iCalendar feed, at an address whose secret token stands for the login
(calendar apps cannot log in). The token is signed with the site's secret key and names the
person; it stops working when they are deactivated or stop being an LC."""

import datetime

from django.core import signing
from django.utils import timezone
from icalendar import Calendar, Event

from improvement.models import Visit
from thep.models import Role, User

SALT = "improvement.calendar"


def calendar_token(user: User) -> str:
    return signing.dumps(user.pk, salt=SALT)


def consultant_from_token(token: str) -> User:
    """The LC the token was made for; BadSignature if it is forged or they are no LC now."""
    pk = signing.loads(token, salt=SALT)
    person = User.objects.filter(pk=pk, is_active=True, role=Role.CONSULTANT).first()
    if person is None:
        raise signing.BadSignature("Not a current Leadership Consultant.")
    return person


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
