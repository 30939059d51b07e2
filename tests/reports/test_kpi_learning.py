from learning.models import Kind, Status
from reports.kpis import kpi_figures
from tests.learning.factories import BookingFactory, EventFactory
from thep import years


def row(figures: dict, kind: str) -> dict:
    return next(r for r in figures["learning"]["by_kind"] if r["kind"] == kind)


def test_kpis_count_delegates_schools_and_income_by_kind(db, director, school_a, school_b):
    network = EventFactory(kind=Kind.NETWORK, member_price="0.00", sessions=[10])
    course = EventFactory(kind=Kind.COURSE, sessions=[12])
    for school in (school_a, school_a, school_b):
        BookingFactory(event=network, school=school, price="0.00")
    BookingFactory(event=course, school=school_a)
    BookingFactory(event=course, school=school_b, status=Status.CANCELLED)
    year = years.year_of(network.sessions.earliest("date").date)
    figures = kpi_figures(user=director, year=year)
    assert row(figures, "Network") == {"kind": "Network", "events": 1, "delegates": 3,
                                       "schools": 2}  # fmt: skip
    assert row(figures, "Course")["delegates"] == 1
    assert figures["learning"]["income"] == "90.00"
