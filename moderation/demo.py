"""Demo monitoring and moderation: moderator@example.org, a year 6 teacher at Cayley Primary
School (so never sent there); last year's samples with two moderation visits done, and this
year's with three visits arranged. Drawn with fixed seeds, so a second run changes nothing."""

import datetime

from django.conf import settings

from membership.models import Affiliation, School
from moderation.models import Draw, Judgement, Kind, Pick, Subject, Visit
from moderation.services import sample_draw
from thep import years
from thep.models import Role, User

SEEDS = {-1: 4021, 0: 7313}  # years from this one: a seed each


def _moderator() -> User:
    person, created = User.objects.get_or_create(
        email="moderator@example.org",
        defaults={
            "first_name": "Joanna",
            "last_name": "Whitfield",
            "role": Role.MODERATOR,
            "job_title": "Year 6 teacher",
        },
    )
    if created:
        person.set_password(settings.THEP_DEMO_PASSWORD)
        person.save(update_fields=["password"])
    Affiliation.objects.get_or_create(
        person=person, school=School.objects.get(name="Cayley Primary School")
    )
    return person


def _visits(draw: Draw, moderator: User, kinds: list[str], *, done: bool) -> None:
    """A visit to the first schools of each kind's sample (not the moderator's own), in June."""
    june = datetime.date(draw.year + 1, 6, 10)
    for number, kind in enumerate(kinds):
        pick = (
            Pick.objects.filter(draw=draw, kind=kind)
            .exclude(school__affiliations__person=moderator)
            .order_by("school__urn")[number]
        )
        visit, created = Visit.objects.get_or_create(
            pick=pick,
            defaults={"moderator": moderator, "date": june + datetime.timedelta(days=number)},
        )
        if created and done:
            for subject in visit.subjects:
                Judgement.objects.create(
                    visit=visit, subject=subject, agreed=subject != Subject.MATHS, pupils=6,
                    changed=1 if subject == Subject.MATHS else 0,
                )  # fmt: skip
            visit.recorded_at = datetime.datetime.combine(
                visit.date, datetime.time(16), datetime.UTC
            )
            visit.save(update_fields=["recorded_at"])


def load() -> None:
    moderator = _moderator()
    office = User.objects.get(email="admin@example.org")
    this_year = years.current()
    for offset, seed in SEEDS.items():
        year = this_year + offset
        draw = Draw.objects.filter(year=year, superseded_at__isnull=True).first()
        if draw is None:
            draw = sample_draw(year=year, by=office, seed=seed)
        if offset < 0:
            _visits(draw, moderator, [Kind.KS2_WRITING, Kind.KS1], done=True)
        else:
            _visits(draw, moderator, [Kind.KS2_WRITING, Kind.KS1, Kind.MONITORING], done=False)
