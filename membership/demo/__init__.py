"""Demo register: every school named in the seed documents (URNs from 900001 are demo URNs,
and pupil numbers are demo values), and the demo heads and staff linked to their schools."""

import csv
import datetime
from pathlib import Path

from membership import standings
from membership.models import Affiliation, School
from thep.models import User

SCHOOLS_CSV = Path(__file__).with_name("schools.csv")
PHASES = {
    "Nursery": "nursery",
    "Primary": "primary",
    "Secondary": "secondary",
    "Special": "special",
    "All-through": "all_through",
    "Alternative provision": "alternative",
}
BONNER = "Bonner Primary School"
HEAD2_SCHOOL = "Cayley Primary School"


def rows() -> list[dict[str, str]]:
    with SCHOOLS_CSV.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def load() -> None:
    _load_register()
    from membership.demo.memberships import load as load_memberships

    load_memberships()


def _load_register() -> None:
    # Written in bulk, so the new schools' standings are refreshed here rather than by the
    # signal each save would send.
    known = set(School.objects.values_list("urn", flat=True))
    new = School.objects.bulk_create(
        School(
            urn=int(row["urn"]),
            name=row["name"],
            phase=PHASES[row["phase"]],
            school_type=row["type"],
            la_code=int(row["la_code"]),
            la_name="Tower Hamlets" if row["la_code"] == "211" else "",
            laestab=f"{row['la_code']}{int(row['urn']) % 10000:04d}",
            pupils=int(row["pupils"]) if row["pupils"] else None,
            pupils_are_demo=True,
            town="London",
            is_open=not any(word in row["notes"] for word in ("amalgamated", "closed 31")),
        )
        for row in rows()
        if int(row["urn"]) not in known
    )
    standings.changed(school_ids=[school.pk for school in new])
    bonner = School.objects.get(name=BONNER)
    if not bonner.head_name:
        bonner.head_name = "Helen Marsh"
        bonner.headship_start = datetime.date(2019, 9, 1)
        bonner.save(update_fields=["head_name", "headship_start"])
    links = [
        ("head@example.org", BONNER, False),
        ("staff@example.org", BONNER, True),
        ("head2@example.org", HEAD2_SCHOOL, False),
    ]
    for email, school_name, cpd_lead in links:
        Affiliation.objects.get_or_create(
            person=User.objects.get(email=email),
            school=School.objects.get(name=school_name),
            defaults={"is_cpd_lead": cpd_lead},
        )
