"""Demo general meetings: this year's AGM (in November) with its agenda, the register of full
member schools present, two resolutions (the first voted and passed, the second open for the
demo heads to vote on) and the board it appointed, the interim board named in seed 002 with
the demo Executive Director. Keyed on the AGM's date, so a second run changes nothing."""

import datetime

from django.core.files.base import ContentFile

from meetings.models import Appointment, Attendance, Meeting, Paper, Resolution, Vote
from meetings.rules import full_member_ids, passes
from membership.models import School
from thep import years
from thep.models import User

BONNER = "Bonner Primary School"
AGENDA = """Annual general meeting of THE Partnership

1. Welcome and apologies
2. Annual report and accounts for {last}
3. Appointment of the directors
4. New articles of association
"""
RESOLUTIONS = [
    (Resolution.Kind.ORDINARY, "To receive the annual report and accounts for {last}."),
    (
        Resolution.Kind.SPECIAL,
        "To adopt new articles of association, in the form circulated with the notice of this "
        "meeting.",
    ),
]
# The first resolution's votes, school by school: 17 for, 2 against, 1 abstaining.
CHOICES = ["for"] * 17 + ["against"] * 2 + ["abstain"]
BOARD = [
    ("Christine Gilbert", Appointment.Role.CHAIR),
    ("Aziz Choudhury", Appointment.Role.DIRECTOR),
    ("Kevan Collins", Appointment.Role.DIRECTOR),
    ("Robert Crothers", Appointment.Role.TREASURER),
    ("Michael Keating", Appointment.Role.DIRECTOR),
    ("Alasdair Macdonald", Appointment.Role.VICE_CHAIR),
    ("Catherine Hale", Appointment.Role.EXECUTIVE),
]


def load() -> None:
    year = years.current()
    last = years.label(year - 1)
    office = User.objects.get(email="admin@example.org")
    agm, created = Meeting.objects.get_or_create(
        kind=Meeting.Kind.AGM,
        date=years.first_day(year) + datetime.timedelta(days=70),
        defaults={
            "starts_at": datetime.time(16, 30),
            "place": "Professional Development Centre, Tower Hamlets",
            "created_by": office,
        },
    )
    if not created:
        return
    Paper.objects.create(
        meeting=agm,
        title="Agenda",
        file=ContentFile(AGENDA.format(last=last).encode(), name="agenda.txt"),
        uploaded_by=office,
    )
    received, articles = (
        Resolution.objects.create(meeting=agm, number=n, kind=kind, text=text.format(last=last))
        for n, (kind, text) in enumerate(RESOLUTIONS, start=1)
    )
    bonner = School.objects.get(name=BONNER)
    present = [bonner, *School.objects.filter(pk__in=full_member_ids(day=agm.date))
               .exclude(pk=bonner.pk).order_by("name")[: len(CHOICES) - 1]]  # fmt: skip
    head = User.objects.get(email="head@example.org")
    for school, choice in zip(present, CHOICES, strict=False):
        Attendance.objects.create(
            meeting=agm, school=school, how=Attendance.How.OFFICE, recorded_by=office
        )
        Vote.objects.create(
            resolution=received,
            school=school,
            choice=choice,
            cast_by=head if school == bonner else None,
        )
    received.status, received.present_at_close = Resolution.Status.CLOSED, len(present)
    received.passed = passes(
        kind=received.kind,
        votes_for=CHOICES.count("for"),
        against=CHOICES.count("against"),
        present=len(present),
        quorum=agm.quorum,
    )
    received.save()
    articles.status = Resolution.Status.OPEN
    articles.save()
    for name, role in BOARD:
        Appointment.objects.create(
            person_name=name,
            role=role,
            meeting=agm,
            appointed_on=agm.date,
            term_ends_on=years.add_months(agm.date, 36),
        )
