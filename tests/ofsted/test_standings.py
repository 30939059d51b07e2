"""The stored standings (an Ofsted outcome and window, a risk level for each school) follow every
change to what they are worked out from, so the borough table and the risk register are never
stale; the nightly rebuild catches up with the date."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from improvement.models import RiskArea, RiskStanding
from improvement.services import diagnostic_record
from membership.gias import gias_import
from membership.models import PupilCount, School
from ofsted.mi_import import ofsted_import
from ofsted.models import Inspection, OfstedStanding
from ofsted.selectors import ofsted_for
from ofsted.services import inspection_record, window_override_clear, window_override_set
from tests.factories import SchoolFactory
from tests.improvement.factories import VisitFactory
from tests.ofsted.conftest import LAYOUT_2019
from tests.ofsted.factories import InspectionFactory
from thep import years
from thep.celery import app

TODAY = timezone.localdate()
YEAR = years.year_of(TODAY)


def ofsted_row(school) -> OfstedStanding:
    return OfstedStanding.objects.get(school=school)


def outcome_of(school) -> Inspection:
    outcome = ofsted_row(school).outcome
    assert outcome is not None, f"{school} has no outcome"
    return outcome


def risk_row(school) -> RiskStanding:
    return RiskStanding.objects.get(school=school)


def test_a_new_school_has_its_standing_at_once(db):
    school = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    assert ofsted_row(school).outcome is None
    assert ofsted_row(school).window.label == "Not known"
    assert (risk_row(school).level, risk_row(school).reasons) == ("low", [])


def test_an_inspection_recorded_updates_outcome_window_and_risk(db):
    school = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    inspection, _ = inspection_record(
        school=school,
        values={"inspection_type": "graded", "start_date": TODAY - datetime.timedelta(days=30),
                "overall_effectiveness": 3},
    )  # fmt: skip
    row = ofsted_row(school)
    assert (row.outcome, row.outcome_on) == (inspection, inspection.on)
    (live,) = ofsted_for(schools=[school], today=TODAY)
    assert (row.due_by, row.window.label) == (live.window.due_by, live.window.label)
    assert risk_row(school).reasons == ["Ofsted: Overall effectiveness Requires improvement"]
    assert risk_row(school).level == "high"


def test_an_ofsted_file_updates_every_school_it_names(db):
    bonner = SchoolFactory(urn=130001)
    cayley = SchoolFactory(urn=130002, headship_start=datetime.date(2010, 9, 1))
    ofsted_import(source=LAYOUT_2019)
    assert outcome_of(bonner).overall_effectiveness == 2
    assert outcome_of(cayley).overall_effectiveness == 4
    assert risk_row(cayley).level == "high"


def test_a_predecessors_inspection_updates_its_successor(db):
    old = SchoolFactory()
    academy = SchoolFactory(predecessor=old)
    inspection = InspectionFactory(school=old, start_date=datetime.date(2021, 3, 2))
    assert ofsted_row(academy).outcome == inspection
    assert ofsted_row(academy).uses_predecessor


def test_a_window_set_and_cleared_by_a_director_shows_at_once(db, director):
    school = SchoolFactory()
    InspectionFactory(school=school, start_date=datetime.date(2022, 10, 4))
    computed = ofsted_row(school).due_by
    window_override_set(school=school, due_by=datetime.date(2026, 3, 31), note="Told", by=director)
    row = OfstedStanding.objects.select_related("school__window_override").get(school=school)
    assert row.due_by == datetime.date(2026, 3, 31)
    assert row.window.override is not None
    window_override_clear(school=school)
    assert ofsted_row(school).due_by == computed


def test_a_diagnostic_review_recorded_updates_the_risk(school_a, lc_a):
    school_a.headship_start = datetime.date(2010, 9, 1)
    school_a.save()
    ratings = {area: ("green", "") for area in RiskArea.values}
    visit = VisitFactory(
        school=school_a, consultant=lc_a, date=years.first_day(YEAR) + datetime.timedelta(days=30)
    )
    diagnostic_record(
        visit=visit, by=lc_a, ratings={**ratings, RiskArea.BUDGETS: ("red", "Deficit")},
        priorities="p", later_visits="",
    )  # fmt: skip
    assert risk_row(school_a).level == "high"
    assert risk_row(school_a).reasons == ["Budgets rated red at the diagnostic review"]


def pupils_record(school: School, year: int, *, pupils: int) -> None:
    """As the office records them in the admin."""
    PupilCount.objects.update_or_create(school=school, year=year, defaults={"pupils": pupils})


def test_pupil_numbers_recorded_update_the_risk(db):
    school = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    pupils_record(school, YEAR - 2, pupils=400)
    pupils_record(school, YEAR, pupils=350)
    assert risk_row(school).reasons == ["Falling roll: 400 pupils two years ago, 350 now"]
    pupils_record(school, YEAR, pupils=390)
    assert risk_row(school).level == "low"


def test_a_new_head_updates_the_risk(db):
    school = SchoolFactory(headship_start=datetime.date(2010, 9, 1))
    school.headship_start = years.first_day(YEAR)
    school.save(update_fields=["headship_start"])
    assert risk_row(school).reasons == ["Headteacher in the first two years of headship"]


def test_schools_added_by_the_gias_import_have_their_standing(db):
    header = ("URN,LA (code),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),"
              "PhaseOfEducation (name),EstablishmentStatus (name),NumberOfPupils,HeadFirstName,"
              "HeadLastName\r\n")  # fmt: skip
    row = "100050,211,2001,New Primary,Community school,Primary,Open,210,Ann,Lee\r\n"
    gias_import(source=(header + row).encode("cp1252"))
    school = School.objects.get(urn=100050)
    assert ofsted_row(school).window.label == "Not known"
    assert risk_row(school).level == "low"


def test_a_school_with_inspections_and_pupils_can_still_be_deleted(db):
    school = SchoolFactory()
    InspectionFactory(school=school)
    pupils_record(school, YEAR, pupils=300)
    school.delete()
    assert not OfstedStanding.objects.exists()
    assert not RiskStanding.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_nightly_rebuild_catches_up_with_the_date(celery_worker, monkeypatch):
    entry = settings.CELERY_BEAT_SCHEDULE["schools: standings rebuilt"]
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({0}, {5})
    # A head in their second year, and an inspection that starts tomorrow (today's date read
    # now, not when the module was imported: a run may pass midnight).
    today = timezone.localdate()
    year = years.year_of(today)
    school = SchoolFactory(headship_start=years.first_day(year - 1))
    tomorrow = today + datetime.timedelta(days=1)
    InspectionFactory(school=school, start_date=tomorrow, overall_effectiveness=3)
    assert risk_row(school).reasons == ["Headteacher in the first two years of headship"]
    assert ofsted_row(school).outcome is None
    next_year = years.first_day(year + 1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: next_year)
    app.send_task(entry["task"]).get(timeout=30)
    assert outcome_of(school).on == tomorrow
    assert ofsted_row(school).computed_on == next_year
    assert risk_row(school).reasons == ["Ofsted: Overall effectiveness Requires improvement"]
