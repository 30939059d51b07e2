"""One THEP Bulletin sent a week ago to the heads of full members, listing the catalogue's
events of the four weeks after it. A second run changes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from bulletins.composition import coming_events
from bulletins.models import Bulletin, Kind, NewsItem, Status

TITLE = "Training and events this fortnight"
NEWS = [
    (
        "Headteacher meetings this term",
        "Heads' meetings continue each half term: a chance to hear from the Local Authority "
        "and from each other. Dates are in the catalogue under networks.",
        "",
    ),
    (
        "Leadership Consultant visits",
        "Spring visits are being booked now. Your LC will write to agree a date; the agreed "
        "actions from the autumn visit are the starting point.",
        "",
    ),
]


def load() -> None:
    if Bulletin.objects.filter(title=TITLE).exists():
        return
    sent_on = timezone.localdate() - datetime.timedelta(days=7)
    with transaction.atomic():
        bulletin = Bulletin.objects.create(
            kind=Kind.BULLETIN,
            title=TITLE,
            introduction="News from THE Partnership, and the courses and networks to come.",
            weeks=4,
            status=Status.SENT,
            sent_on=sent_on,
            sent_at=timezone.now() - datetime.timedelta(days=7),
        )
        for position, (title, text, link) in enumerate(NEWS):
            NewsItem.objects.create(
                bulletin=bulletin, position=position, title=title, text=text, link=link
            )
        bulletin.events.set(coming_events(after=sent_on, weeks=4))
