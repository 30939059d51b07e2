"""Helpers for the inspection-support tests: a call recorded as a head records it, and an
Ofsted MI file (the report-card layout's real header) with one inspection of a school."""

import csv
import datetime
import io

from django.utils import timezone

from commission.inspection_support import inspection_call_record
from commission.models import InspectionCall
from ofsted.models import InspectionType
from tests.ofsted.conftest import REPORT_CARDS


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def call_recorded(school, by, *, starts_in: int = 1, kind: str = InspectionType.REPORT_CARD):
    return inspection_call_record(
        school=school,
        by=by,
        called_on=min(today(), days(starts_in)),
        starts_on=days(starts_in),
        inspection_type=kind,
        today=today(),
    )


def open_call(school, by, *, starts_in: int = 1) -> InspectionCall:
    """A call saved straight to the table: no email (for tests about reading it)."""
    return InspectionCall.objects.create(
        school=school,
        called_on=min(today(), days(starts_in)),
        starts_on=days(starts_in),
        inspection_type=InspectionType.REPORT_CARD,
        recorded_by=by,
    )


def mi_file(*, urn: int, started: datetime.date, published: datetime.date) -> bytes:
    """Ofsted's report-card file with one row: the fixture's first school's report card, now
    of `urn`, inspected from `started` and published on `published`."""
    rows = list(csv.reader(REPORT_CARDS.read_bytes().decode("cp1252").splitlines()))
    header, row = rows[0], rows[1]
    card_day = row[header.index("Inspection start date")]
    published_day = row[header.index("Publication date")]
    row[header.index("URN")] = str(urn)
    row = [
        started.strftime("%d/%m/%Y") if cell == card_day
        else published.strftime("%d/%m/%Y") if cell == published_day
        else cell
        for cell in row
    ]  # fmt: skip
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, row])
    return out.getvalue().encode("cp1252")
