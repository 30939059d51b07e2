"""How a year's samples are drawn: which schools are in the pool, which must be in a sample
whatever the dice say, which come first, and the seeded draw for the rest. Reads only: the
service `sample_draw` stores what this chooses."""

import math
import random
from dataclasses import dataclass

from django.db.models import Max

from improvement.selectors import is_new_head
from membership.models import TOWER_HAMLETS, Phase, School
from moderation.models import Draw, Kind, Visit
from thep import years

# The rules, as recorded on every draw (and shown with it). In our words; the sources are the
# Standards and Testing Agency's (STA) guidance on gov.uk, as read in November 2026.
RULE = """\
Monitoring visits: at least 10% of the schools giving the phonics screening check and the KS2 \
tests each year; visits are unannounced, so schools are not told their date. Source: STA, \
"Key stage 2 tests and phonics screening check: monitoring visits" \
(gov.uk/guidance/key-stage-2-tests-and-phonics-screening-check-monitoring-visits) and \
"Phonics screening check: monitoring visits guidance" (2026).
Moderation: at least 25% of schools each year for KS2 writing, and (as THE Partnership's \
commission asks, seed 004) 25% for KS1 reading, writing and maths, so that every school is \
moderated at least once every 4 years: a school with no moderation in the 3 years before is \
put in the sample whatever the count. Schools with a new head (the first two years of \
headship) or newly opened come before the others. Source: STA, "Teacher assessment \
moderation: standardisation and training process" \
(gov.uk/guidance/teacher-assessment-moderation-standardisation-and-training-process) and \
"Key stage 2 teacher assessment guidance" (gov.uk/government/publications/\
key-stage-2-teacher-assessment-guidance), on schools visited more often.
Counts are rounded up: 10% of 72 schools is 8 (7.2 rounded up)."""

PER_CENT: dict[str, int] = {Kind.MONITORING: 10, Kind.KS1: 25, Kind.KS2_WRITING: 25}
# A school moderated in year Y must be moderated again by year Y + 4.
EVERY_YEARS = 4
# A school that opened this recently has its first cohorts: it comes first, as a new head does.
NEW_SCHOOL_YEARS = 2


def sample_size(pool: int, per_cent: int) -> int:
    """At least `per_cent` of the pool: the count rounded up (STA's percentages are minimums)."""
    return math.ceil(pool * per_cent / 100)


def pool(*, year: int, include_special: bool) -> list[School]:
    """The borough's schools open in the year with pupils at the end of KS1 and KS2: primaries
    and all-through schools (their primary phase), and special schools if asked. Infant and
    junior schools are primaries in the register, which does not tell them apart."""
    phases = [Phase.PRIMARY, Phase.ALL_THROUGH] + ([Phase.SPECIAL] if include_special else [])
    return list(
        School.objects.open_during(year)
        .filter(la_code=TOWER_HAMLETS, phase__in=phases)
        .order_by("urn")
    )


@dataclass(frozen=True)
class Chosen:
    school: School
    reason: str


def overdue(*, kind: str, year: int, schools: list[School]) -> dict[int, str]:
    """Schools that must be moderated this year, by pk, with why: their last moderation on
    record (a visit done, in a year's current draw) was 4 or more years before; or they have
    none, and the portal holds the draws of each of the 3 years before, so that having none
    means not moderated in them (before the portal's first draws a school's past is unknown)."""
    if kind == Kind.MONITORING:
        return {}
    last = dict(
        Visit.objects.filter(
            recorded_at__isnull=False,
            pick__kind=kind,
            pick__draw__superseded_at__isnull=True,
            pick__draw__year__lt=year,
            pick__school__in=schools,
        )
        .values("pick__school")
        .annotate(last=Max("pick__draw__year"))
        .values_list("pick__school", "last")
    )
    earlier = range(year - EVERY_YEARS + 1, year)
    known = set(
        Draw.objects.filter(superseded_at__isnull=True, year__in=earlier).values_list(
            "year", flat=True
        )
    ) == set(earlier)
    due: dict[int, str] = {}
    for school in schools:
        moderated = last.get(school.pk)
        if moderated is not None and moderated <= year - EVERY_YEARS:
            due[school.pk] = f"not moderated since {years.label(moderated)}"
        elif moderated is None and known:
            due[school.pk] = (
                f"not moderated in {years.label(earlier[0])} to {years.label(earlier[-1])}"
            )
    return due


def priority(*, school: School, year: int) -> str:
    """Why a school comes before the others (empty if it does not)."""
    if is_new_head(school=school, year=year) and school.headship_start:
        return f"new head since {school.headship_start:%-d %B %Y}"
    opened = school.opened_on
    if opened and opened >= years.first_day(year - NEW_SCHOOL_YEARS):
        return f"opened {opened:%-d %B %Y}"
    return ""


def choose(*, kind: str, year: int, seed: int, schools: list[School]) -> list[Chosen]:
    """One sample: every overdue school, then schools with priority, then the rest, each
    group shuffled by the seed, until the percentage is reached. `schools` in URN order, so
    the same seed and the same schools give the same sample."""
    due = overdue(kind=kind, year=year, schools=schools)
    chosen = [Chosen(school, due[school.pk]) for school in schools if school.pk in due]
    dice = random.Random(f"{seed}:{kind}")  # noqa: S311  # nosec B311  (a sample, not a secret)
    first = [
        school for school in schools if school.pk not in due and priority(school=school, year=year)
    ]
    rest = [school for school in schools if school.pk not in due and school not in first]
    dice.shuffle(first)
    dice.shuffle(rest)
    wanted = sample_size(len(schools), PER_CENT[kind])
    for school in first:
        if len(chosen) >= wanted:
            break
        why = priority(school=school, year=year)
        chosen.append(Chosen(school, f"{why}; random among such schools, seed {seed}"))
    for school in rest:
        if len(chosen) >= wanted:
            break
        chosen.append(Chosen(school, f"random, seed {seed}"))
    return chosen
