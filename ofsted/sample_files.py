"""Made-up Ofsted files of national size, in the report-card layout as published (the header of
tests/fixtures/ofsted/report_card_layout_2025-12.csv), to time the import."""

import csv
import datetime
import random
from collections.abc import Iterable
from pathlib import Path

from ofsted.mi_import import AREAS, SAFEGUARDING
from ofsted.models import CardGrade

REPORT_CARD_HEADER = [
    "Web Link (opens in new window)",
    "URN",
    "LAESTAB",
    "School name",
    "Ofsted phase",
    "Type of education",
    "School open date",
    "Admissions policy",
    "Sixth form",
    "Designated religious character",
    "Religious ethos",
    "Faith grouping",
    "Ofsted region",
    "Region",
    "Local authority",
    "Parliamentary constituency",
    "Postcode",
    "Multi-academy trust UID",
    "Multi-academy trust name",
    "Academy sponsor UID",
    "Academy sponsor name",
    "The income deprivation affecting children index (IDACI) quintile",
    "Total number of pupils",
    "Statutory lowest age",
    "Statutory highest age",
    "Inspection number of latest full inspection",
    "Inspection type",
    "Inspection type grouping",
    "Event type grouping",
    "Inspection start date",
    "Publication date",
    "Does the latest full inspection relate to the URN of the current school?",
    "URN at time of latest full inspection",
    "LAESTAB at time of latest full inspection",
    "School name at time of latest full inspection",
    "School type at time of latest full inspection",
    "Category of concern",
    "Safeguarding standards",
    "Safeguarding standards - date of grade",
    "Inclusion",
    "Inclusion - date of grade",
    "Curriculum and teaching",
    "Curriculum and teaching - date of grade",
    "Achievement",
    "Achievement - date of grade",
    "Attendance and behaviour",
    "Attendance and behaviour - date of grade",
    "Personal development and wellbeing",
    "Personal development and wellbeing - date of grade",
    "Early years (where applicable)",
    "Early years - date of grade",
    "Post-16 provision (where applicable)",
    "Post-16 provision - date of grade",
    "Leadership and governance",
    "Leadership and governance - date of grade",
    "Inspection number of latest OEIF graded inspection",
    "Inspection type of latest OEIF graded inspection",
    "Inspection type grouping of latest OEIF graded inspection",
    "Event type grouping of latest OEIF graded inspection",
    "Inspection start date of latest OEIF graded inspection",
    "Publication date of latest OEIF graded inspection",
    "Does the latest OEIF graded inspection relate to the URN of the current school?",
    "URN at time of latest OEIF graded inspection",
    "LAESTAB at time of latest OEIF graded inspection",
    "School name at time of latest OEIF graded inspection",
    "School type at time of latest OEIF graded inspection",
    "Latest OEIF category of concern",
    "Latest OEIF overall effectiveness",
    "Latest OEIF quality of education",
    "Latest OEIF behaviour and attitudes",
    "Latest OEIF personal development",
    "Latest OEIF effectiveness of leadership and management",
    "Latest OEIF  safeguarding is effective?",
    "Latest OEIF early years provision (where applicable)",
    "Latest OEIF sixth form provision (where applicable)",
    "Latest ungraded inspection number",
    "Date of latest ungraded inspection",
    "Ungraded inspection publication date",
    "Does the ungraded inspection relate to the URN of the current school?",
    "URN at time of the ungraded inspection",
    "LAESTAB at time of the ungraded inspection",
    "School name at time of the ungraded inspection",
    "School type at time of the ungraded inspection",
    "Ungraded inspection overall outcome",
    "Most recent category of concern",
]


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days))


def _text(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _row(urn: int, rng: random.Random) -> dict[str, str]:
    """A school's latest inspections: a report card for one school in five, a graded
    inspection under the previous framework for most, an ungraded one for some."""
    row = {"URN": str(urn), "School name": f"Made-up school {urn}", "LAESTAB": "9999999"}
    graded = _day(rng, datetime.date(2019, 9, 1), datetime.date(2025, 7, 1))
    grade = "Not judged" if graded >= datetime.date(2024, 9, 1) else str(rng.randint(1, 4))
    row |= {
        "Inspection start date of latest OEIF graded inspection": _text(graded),
        "Publication date of latest OEIF graded inspection": _text(
            graded + datetime.timedelta(days=35)
        ),
        "Latest OEIF overall effectiveness": grade,
        "Latest OEIF  safeguarding is effective?": "Yes",
        "Latest OEIF quality of education": str(rng.randint(1, 4)),
        "Latest OEIF behaviour and attitudes": str(rng.randint(1, 4)),
        "Latest OEIF personal development": str(rng.randint(1, 4)),
        "Latest OEIF effectiveness of leadership and management": str(rng.randint(1, 4)),
        "Inspection type": "S5 Inspection",
        "Inspection start date": _text(graded),
    }
    if rng.random() < 0.3:
        ungraded = graded + datetime.timedelta(days=rng.randint(400, 900))
        row |= {
            "Date of latest ungraded inspection": _text(ungraded),
            "Ungraded inspection publication date": _text(ungraded + datetime.timedelta(days=30)),
            "Ungraded inspection overall outcome": "School remains Good",
        }
    if rng.random() < 0.2:
        card = _day(rng, datetime.date(2025, 11, 10), datetime.date(2026, 3, 1))
        row |= {"Inspection start date": _text(card), SAFEGUARDING[0]: "Met"}
        row[SAFEGUARDING[1]] = _text(card)
        for grade_column, date_column in AREAS.values():
            row[grade_column] = CardGrade(rng.randint(1, 5)).label
            row[date_column] = _text(card)
    return row


def write_national_file(path: Path, urns: Iterable[int], *, seed: int = 2025) -> int:
    """Write a file of one row per URN; returns the number of rows."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311  (made-up rows, not secrets)
    count = 0
    with path.open("w", encoding="cp1252", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=REPORT_CARD_HEADER, restval="NULL")
        writer.writeheader()
        for urn in urns:
            writer.writerow(_row(urn, rng))
            count += 1
    return count
