"""Demo inspections: every inspection in seed 003's table (carried in the demo register), and
enough earlier history, invented where the seeds are silent, for the Ofsted tables of seed 000
(2016-17 and 2017-18) to come out as printed for the member schools below."""

import datetime

from django.utils import timezone

from membership import standings
from membership.demo import rows as register_rows
from membership.models import Phase, School, SchoolType
from ofsted.models import (
    Grade,
    Inspection,
    InspectionType,
    NationalFigures,
    Source,
    StrategyMeeting,
)
from ofsted.outcomes import current_outcome

MULBERRY_GIRLS = "Mulberry School for Girls"
PREDECESSOR_URN = 900201  # demo URN for Mulberry School for Girls before it converted in 2017

# The schools treated as members in seed 000's Ofsted tables (the same set for both years;
# the tables print 6 nursery, 66 primary, 18 secondary and 5 special members). All-through
# and alternative provision count as secondary there. The sixth nursery is the membership
# demo's former nursery school. The membership table counts Cubitt Town and St Paul's Way as two
# schools each; the Ofsted tables count each once, so the demo's extra halves are left out.
SEED_000_PRIMARIES_LEFT_OUT = (
    "St Edmund's Primary School",
    "Old Palace Primary School",
    "Cubitt Town Junior School",
    "St Paul's Way Trust Primary School",
)
SEED_000_NOT_YET_OPEN = ("Stepney Park Primary School", "Mulberry Wood Wharf Primary School")
SEED_000_SECONDARY_GROUP = (
    "Bow School",
    "Canary Wharf College (Crossharbour)",
    "Central Foundation Girls' School",
    "George Green's School",
    "Langdon Park School",
    "London Enterprise Academy",
    "Morpeth School",
    "Mulberry Academy Shoreditch",
    MULBERRY_GIRLS,
    "Mulberry Stepney Green College",
    "Oaklands School",
    "Raine's Foundation School",
    "Stepney All Saints Secondary School",
    "Swanlea School",
    "Wapping High School",
    "St Paul's Way Trust School",
    "City Gateway 14-19 Provision",
    "London East Alternative Provision",
)
SEED_000_SPECIALS = (
    "Beatrice Tate School",
    "Cherry Trees School",
    "Ian Mikardo High School",
    "Phoenix Primary & Secondary School",
    "Stephen Hawking School",
)

OS, G, RI = Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT
# Invented grades before September 2016 for members whose seed 003 inspection is later, or
# who are not in seed 003 at all. Each is dated in 2011-2016 by `_earlier_date`.
EARLIER = {
    # nursery
    "Alice Model Nursery School": OS,
    "Children's House Nursery School": OS,
    "Columbia Market Nursery School": OS,
    "Harry Roberts Nursery School": OS,
    "Rachel Keeling Nursery School": OS,
    "Former Nursery School (demo)": OS,
    # primary: the four that changed in 2017-18
    "Bigland Green Primary School": RI,
    "Shapla Primary School": RI,
    "Globe Primary School": G,
    "Mowlem Primary School": G,
    # primary: outstanding
    "Canary Wharf College (Glenworth)": OS,
    "Harry Gosling Primary School": OS,
    "Hague Primary School": OS,
    "Mayflower Primary School": OS,
    "Old Ford Primary School": OS,
    "Solebay Primary School": OS,
    "St Peter's London Docks Primary School": OS,
    "St Saviour's Primary School": OS,
    "Stebon Primary School": OS,
    "Stepney Greencoat Primary School": OS,
    "Stewart Headlam Primary School": OS,
    "Thomas Buxton Primary School": OS,
    "Virginia Primary School": OS,
    "Woolmore Primary School": OS,
    # primary: good
    **dict.fromkeys(
        (
            "Arnhem Wharf Primary School",
            "Bangabandhu Primary School",
            "Ben Jonson Primary School",
            "Blue Gate Fields Infant School",
            "Blue Gate Fields Junior School",
            "Bonner Primary School",
            "Canary Wharf College (East Ferry)",
            "Canon Barnett Primary School",
            "Cayley Primary School",
            "Chisenhale Primary School",
            "Christ Church Primary School",
            "Columbia Primary School",
            "Cubitt Town Primary School",
            "Elizabeth Selby Infants School",
            "English Martyrs Primary School",
            "Halley Primary School",
            "Harbinger Primary School",
            "Hermitage Primary School",
            "John Scurr Primary School",
            "Kobi Nazrul Primary School",
            "Lansbury Lawrence Primary School",
            "Lawdale Primary School",
            "Malmesbury Primary School",
            "Marion Richardson Primary School",
            "Marner Primary School",
            "Olga Primary School",
            "Osmani Primary School",
            "Our Lady & St Joseph Primary School",
            "Redlands Primary School",
            "Seven Mills Primary School",
            "Sir William Burrough Primary School",
            "Smithy Street Primary School",
            "St Anne's & Guardian Angels Primary School",
            "St Elizabeth Primary School",
            "St John's Primary School",
            "St Luke's Primary School",
            "St Mary & St Michael Primary School",
            "St Matthias CE Primary School",
            "St Paul with St Luke Primary School",
            "The Clara Grant Primary School",
            "Wellington Primary School",
            "William Davis Primary School",
        ),
        G,
    ),
    # secondary group
    "Stepney All Saints Secondary School": OS,
    "St Paul's Way Trust School": OS,
    "Bow School": G,
    "Central Foundation Girls' School": G,
    "George Green's School": G,
    "Langdon Park School": G,
    "Morpeth School": G,
    "Mulberry Stepney Green College": G,
    "Oaklands School": G,
    "London East Alternative Provision": G,
    "Wapping High School": RI,
    "Raine's Foundation School": RI,
    "London Enterprise Academy": RI,
    # special
    "Beatrice Tate School": OS,
    "Cherry Trees School": OS,
    "Phoenix Primary & Secondary School": OS,
    "Stephen Hawking School": OS,
    "Ian Mikardo High School": G,
}

# Invented inspections in 2017-18 besides those in seed 003's table, so that the year's count
# of inspections matches seed 000 (2 nursery, 21 primary, 4 secondary, 1 special, 1 AP).
REMAINS: dict[int, str] = {OS: "School remains Outstanding", G: "School remains Good"}
YEAR_2017_18 = [
    ("Shapla Primary School", datetime.date(2018, 2, 6), InspectionType.GRADED, G),
    ("Children's House Nursery School", datetime.date(2018, 2, 27), InspectionType.UNGRADED, OS),
    ("Harry Roberts Nursery School", datetime.date(2018, 5, 15), InspectionType.UNGRADED, OS),
    ("Ian Mikardo High School", datetime.date(2018, 3, 13), InspectionType.UNGRADED, G),
    ("Bow School", datetime.date(2017, 11, 21), InspectionType.UNGRADED, G),
    ("George Green's School", datetime.date(2018, 1, 30), InspectionType.UNGRADED, G),
    ("Oaklands School", datetime.date(2018, 5, 22), InspectionType.UNGRADED, G),
    *(
        (name, datetime.date(2017, 9, 19) + datetime.timedelta(weeks=2 * index), "ungraded", G)
        for index, name in enumerate(
            (
                "Arnhem Wharf Primary School",
                "Bangabandhu Primary School",
                "Cayley Primary School",
                "Christ Church Primary School",
                "Columbia Primary School",
                "Elizabeth Selby Infants School",
                "English Martyrs Primary School",
                "Halley Primary School",
                "John Scurr Primary School",
                "Lawdale Primary School",
                "Malmesbury Primary School",
                "Marner Primary School",
                "Olga Primary School",
                "Osmani Primary School",
                "Seven Mills Primary School",
            )
        )
    ),
]

# Seed 000: "September 2017 - July 2018 (Inc. national comparisons 2017 data)".
NATIONAL_2017 = {
    Phase.NURSERY: (63, 37, 0, 94),
    Phase.PRIMARY: (19, 72, 8, 90),
    Phase.SECONDARY: (23, 56, 6, 79),
    Phase.SPECIAL: (38, 55, 5, 89),
}


def seed_000_members() -> list[School]:
    """The member schools behind seed 000's Ofsted tables, as this demo reads them."""
    primaries = School.objects.filter(phase=Phase.PRIMARY, la_code=211).exclude(
        name__in=SEED_000_PRIMARIES_LEFT_OUT + SEED_000_NOT_YET_OPEN
    )
    others = School.objects.filter(name__in=SEED_000_SECONDARY_GROUP + SEED_000_SPECIALS)
    nurseries = School.objects.filter(phase=Phase.NURSERY)
    return [*primaries, *others, *nurseries]


def _earlier_date(index: int) -> datetime.date:
    """Spread the invented earlier inspections over 2011-2016, all before September 2016."""
    return datetime.date(2011 + index % 6, 1 + (index * 5) % 7, 3 + (index * 7) % 25)


def _inspection(
    school: School, on: datetime.date, kind: str, grade: int | None, note: str
) -> Inspection:
    inspection = Inspection(
        school=school, inspection_type=kind, start_date=on, source=Source.DEMO, note=note
    )
    if kind == InspectionType.UNGRADED:
        inspection.ungraded_outcome = REMAINS.get(grade, "") if grade is not None else ""
    else:
        inspection.overall_effectiveness = grade
    return inspection


def _record(inspections: list[Inspection]) -> None:
    """Written in bulk, leaving those a second run finds; the standings of their schools are
    refreshed as the signal of each save would have."""
    known = set(Inspection.objects.values_list("school_id", "inspection_type", "start_date"))
    new = []
    for row in inspections:
        key = (row.school_id, row.inspection_type, row.start_date)
        if key not in known:
            known.add(key)
            new.append(row)
    Inspection.objects.bulk_create(new)
    standings.changed(school_ids={row.school_id for row in new})


def _predecessor(academy: School) -> School:
    predecessor, _ = School.objects.get_or_create(
        urn=PREDECESSOR_URN,
        defaults={
            "name": f"{academy.name} (before conversion)",
            "phase": academy.phase,
            "school_type": SchoolType.LA_MAINTAINED,
            "la_code": academy.la_code,
            "la_name": academy.la_name,
            "is_open": False,
            "pupils_are_demo": True,
        },
    )
    if academy.predecessor_id is None:
        academy.predecessor = predecessor
        academy.save(update_fields=["predecessor"])
    return predecessor


def load() -> None:
    schools = {school.name: school for school in School.objects.all()}
    inspections = []
    for row in register_rows():
        if not row["inspection_date"]:
            continue
        school = schools[row["name"]]
        if row["name"] == MULBERRY_GIRLS:
            school = _predecessor(school)
        inspections.append(
            _inspection(
                school,
                datetime.date.fromisoformat(row["inspection_date"]),
                InspectionType.GRADED,
                int(row["overall_effectiveness"]),
                "From the table of Ofsted dates and outcomes in the 2023-24 strategy (seed 003).",
            )
        )
    inspections += [
        _inspection(
            schools[name],
            _earlier_date(index),
            InspectionType.GRADED,
            grade,
            "Invented demo history, so that the 2016-17 and 2017-18 tables of seed 000 add up.",
        )
        for index, (name, grade) in enumerate(EARLIER.items())
    ]
    inspections += [
        _inspection(
            schools[name], on, kind, grade, "Invented demo inspection in 2017-18 (seed 000)."
        )
        for name, on, kind, grade in YEAR_2017_18
    ]
    _record(inspections)
    for phase, (outstanding, good, ri, good_or_better) in NATIONAL_2017.items():
        NationalFigures.objects.get_or_create(
            year=2017,
            phase=phase,
            defaults={
                "outstanding": outstanding,
                "good": good,
                "requires_improvement": ri,
                "good_or_better": good_or_better,
                "source": "National comparisons, 2017 data (seed 000)",
            },
        )
    # The schools currently judged Requires improvement are put forward for a strategy
    # meeting; the demo does it directly so that loading it sends no email.
    today = timezone.localdate()
    for school in School.objects.filter(inspections__overall_effectiveness__gte=RI).distinct():
        outcome = current_outcome(school=school, as_at=today)
        if outcome is not None and outcome.concerns:
            StrategyMeeting.objects.get_or_create(
                inspection=outcome,
                defaults={"school": school, "reasons": "; ".join(outcome.concerns)},
            )
