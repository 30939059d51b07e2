"""Reads of the LA commission: who it covers in a year and what each school is due. Nothing is
stored for it: the register says which schools are LA maintained and open, orders say which
academies bought it, memberships which schools are members."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, OuterRef, QuerySet

from improvement.selectors import core_visits
from membership.models import Membership, Phase, Purchase, School
from membership.search import schools_matching
from membership.selectors import LA_COMMISSION, commission_schools

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class InCommission(TypedDict):
    is_member: bool
    bought: bool


# Statutory primary assessment is moderated where pupils take the KS1 and KS2 assessments.
ASSESSING_PHASES = (Phase.PRIMARY, Phase.ALL_THROUGH, Phase.SPECIAL)


@dataclass(frozen=True)
class Covered:
    school: School
    is_member: bool
    bought: bool  # an academy (or any school) that bought the commission for the year
    services: list[str]


def services_due(*, school: School, year: int, is_member: bool) -> list[str]:
    """What the commission owes a school in a year (seed 004's appendix)."""
    if is_member:
        visits = core_visits(school=school, year=year, served=True)
        consultancy = f"Leadership consultancy: {visits} visits a year, as a member"
    else:
        consultancy = "Leadership consultancy: 1.5 days, one half-day visit a term"
    due = ["Risk assessment", "Comparative data pack", consultancy, "Ofsted inspection support"]
    if school.phase in ASSESSING_PHASES:
        due.append("Assessment monitoring and moderation, if sampled")
    due.append("Approval of a headteacher's appointment")
    return due


def covered_schools(
    *, year: int, query: str = "", phase: str = ""
) -> "QuerySet[WithAnnotations[School, InCommission]]":
    """The schools in the commission in a year, by name, those matching `query` (a name or
    URN) and `phase`, with `is_member` and `bought`: what `covered` reads."""
    schools = commission_schools(year=year).annotate(
        is_member=Exists(Membership.objects.filter(member__school=OuterRef("pk"), year=year)),
        bought=Exists(
            Purchase.objects.live().filter(
                school=OuterRef("pk"), year=year, product__code=LA_COMMISSION
            )
        ),
    )
    schools = schools.only("urn", "name", "phase", "headship_start")
    return schools_matching(schools, query=query, phase=phase).order_by("name", "pk")


def covered(school: "WithAnnotations[School, InCommission]", *, year: int) -> Covered:
    """A row of `covered_schools`, with the services it is due."""
    return Covered(
        school=school,
        is_member=school.is_member,
        bought=school.bought,
        services=services_due(school=school, year=year, is_member=school.is_member),
    )


def coverage(*, year: int) -> list[Covered]:
    """The schools in the commission in a year, by name, with the services each is due; in one
    query."""
    return [covered(school, year=year) for school in covered_schools(year=year)]
