"""The KPI and Council reports' attainment, attendance and exclusions: the members' median of
each measure against Tower Hamlets, London and England, counted by hand; the year before's
results where the year's are not out; nothing from any LC's report; a query budget."""

import io
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from improvement.models import ReportStatus
from membership.models import Phase
from outcomes.models import Area, Figure, Group, Measure
from reports.council import council_figures
from reports.flat import rows
from reports.kpis import kpi_figures
from reports.pdf import render_council_pdf
from tests.factories import SchoolFactory
from tests.improvement.factories import ReportFactory, VisitFactory
from tests.membership.factories import MembershipFactory
from thep import years

pytestmark = pytest.mark.django_db

YEAR = 2023  # 2023-24
TODAY = years.last_day(YEAR)
NONE = "\N{EN DASH}"  # not published
LC_WORDS = "Marmalade tangerine staffroom dispute"


def figure(school, measure: str, number: str | None, year: int = YEAR, group=Group.ALL) -> None:
    Figure.objects.create(
        school=school, year=year, measure=measure, group=group,
        value=None if number is None else Decimal(number),
        not_published="" if number is not None else "suppressed (SUPP)",
    )  # fmt: skip


def area(kind: str, measure: str, number: str, year: int = YEAR, group=Group.ALL) -> None:
    Figure.objects.create(
        area=kind, la_code=211 if kind == Area.LA else None, year=year, measure=measure,
        group=group, value=Decimal(number),
    )  # fmt: skip


@pytest.fixture
def borough(school_a, school_b):
    """Three member primaries and a member secondary (two of them members the year before
    too); a school that is not a member; the
    areas' rows; exclusions published for the year before only; an LC's report with words of
    its own at a member school."""
    third = SchoolFactory(name="Columbia Primary School")
    secondary = SchoolFactory(name="Stepney Secondary School", phase=Phase.SECONDARY)
    for school in (school_a, school_b, third, secondary):
        MembershipFactory(member__school=school, year=YEAR)
    outsider = SchoolFactory(name="Not A Member Primary School")
    rwm = Measure.KS2_RWM_EXPECTED
    for school, number in ((school_a, "70"), (school_b, "60"), (third, None), (outsider, "5")):
        figure(school, rwm, number)
    figure(school_a, rwm, "52", group=Group.DISADVANTAGED)
    figure(school_b, rwm, "49", group=Group.DISADVANTAGED)
    figure(secondary, Measure.KS4_ATTAINMENT8, "47.3")
    for school, number in (
        (school_a, "4.8"),
        (school_b, "6.1"),
        (third, "5.5"),
        (secondary, "7.0"),
    ):
        figure(school, Measure.ABSENCE_OVERALL, number)
    for school in (school_a, secondary):  # the year before's members
        MembershipFactory(member=school.member, year=YEAR - 1)
    figure(school_a, Measure.SUSPENSION_RATE, "2.5", year=YEAR - 1)
    figure(school_b, Measure.SUSPENSION_RATE, "30", year=YEAR - 1)  # no member that year
    figure(secondary, Measure.SUSPENSION_RATE, "9.1", year=YEAR - 1)
    area(Area.LA, rwm, "66")
    area(Area.ENGLAND, rwm, "61")
    area(Area.ENGLAND, rwm, "46", group=Group.DISADVANTAGED)
    area(Area.LONDON, Measure.KS4_ATTAINMENT8, "50.1")
    area(Area.ENGLAND, Measure.ABSENCE_OVERALL, "5.9")
    area(Area.ENGLAND, Measure.ABSENCE_OVERALL, "6.3", year=YEAR - 1)  # not the year shown
    area(Area.LONDON, Measure.SUSPENSION_RATE, "6.92", year=YEAR - 1)
    ReportFactory(
        visit=VisitFactory(school=school_a, date=TODAY.replace(month=3)),
        status=ReportStatus.FINAL, summary=LC_WORDS, strengths=LC_WORDS,
        areas_for_development=LC_WORDS,
    )  # fmt: skip


EXPECTED = {
    "attainment": {
        # 70 and 60 (the third's is withheld, the outsider is no member): 65.
        "ks2_rwm_expected_all": {
            "measure": "KS2 reading, writing and maths: expected standard (%)",
            "group": "All pupils", "year": "2023-24", "members": "65.00",
            "members_schools": 2, "la": "66.00", "london": None, "england": "61.00",
            "provisional": False,
        },
        "ks2_rwm_expected_disadvantaged": {
            "measure": "KS2 reading, writing and maths: expected standard (%)",
            "group": "Disadvantaged pupils", "year": "2023-24", "members": "50.50",
            "members_schools": 2, "la": None, "london": None, "england": "46.00",
            "provisional": False,
        },
        "ks4_attainment8_all": {
            "measure": "KS4 Attainment 8", "group": "All pupils", "year": "2023-24",
            "members": "47.30", "members_schools": 1, "la": None, "london": "50.10",
            "england": None, "provisional": False,
        },
    },
    "attendance": {
        # 4.8, 5.5, 6.1, 7.0: the mean of the middle two.
        "absence_overall_all": {
            "measure": "Overall absence (% of sessions)", "group": "All pupils",
            "year": "2023-24", "members": "5.80", "members_schools": 4, "la": None,
            "london": None, "england": "5.90", "provisional": False,
        },
    },
    "exclusions": {
        # Not out for 2023-24: 2022-23's, the median of that year's members' 2.5 and 9.1.
        "suspension_rate_all": {
            "measure": "Suspensions (per 100 pupils)", "group": "All pupils",
            "year": "2022-23", "members": "5.80", "members_schools": 2, "la": None,
            "london": "6.92", "england": None, "provisional": False,
        },
    },
}  # fmt: skip


def test_kpis_give_members_against_the_la_london_and_england(borough, director):
    figures = kpi_figures(user=director, year=YEAR)
    assert figures["performance"] == EXPECTED
    assert "Marmalade" not in json.dumps(figures)


def test_the_council_report_gives_the_same_and_no_lc_words(borough, la_officer):
    figures = council_figures(user=la_officer, year=YEAR, today=TODAY)
    assert figures["performance"] == EXPECTED
    pages = PdfReader(io.BytesIO(render_council_pdf(figures))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Attainment at key stages 2, 4 and 5" in text
    assert (
        "KS2 reading, writing and maths: expected standard (%) All pupils 2023-24 65 (2) 66 "
        f"{NONE} 61" in text
    )
    assert f"Suspensions (per 100 pupils) All pupils 2022-23 5.80 (2) {NONE} 6.92 {NONE}" in text
    assert "Marmalade" not in text and "Marmalade" not in json.dumps(figures)


def test_the_dashboard_and_csv_show_the_sections(borough, client_for, director):
    client = client_for(director)
    cache.clear()
    page = client.get("/reports/?year=2023-24").content.decode()
    headings = ("Attainment at key stages 2, 4 and 5", "Attendance", "Suspensions and exclusions")
    for heading in headings:
        assert f">{heading}</h2>" in page
    assert "Marmalade" not in page
    csv = client.get("/reports/kpis.csv?year=2023-24").content.decode()
    assert "2023-24,performance.attendance.absence_overall_all.members,5.80" in csv


def test_a_year_with_no_figures_says_so(director):
    figures = kpi_figures(user=director, year=YEAR)
    assert figures["performance"] == {"attainment": {}, "attendance": {}, "exclusions": {}}
    assert not [row for row in rows(figures) if row[1].startswith("performance")]


def test_the_council_reports_queries_do_not_grow_with_members_and_figures(
    borough, director, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as small:
        council_figures(user=director, year=YEAR, today=TODAY)
    for n in range(20):
        school = SchoolFactory(name=f"More Primary School {n}")
        MembershipFactory(member__school=school, year=YEAR)
        figure(school, Measure.KS2_RWM_EXPECTED, str(40 + n))
        figure(school, Measure.ABSENCE_OVERALL, "5.0")
    cache.clear()  # the borough's medians are shared for five minutes (outcomes.selectors)
    with django_assert_max_num_queries(len(small.captured_queries)):
        figures = council_figures(user=director, year=YEAR, today=TODAY)
    assert figures["performance"]["attainment"]["ks2_rwm_expected_all"]["members_schools"] == 22
