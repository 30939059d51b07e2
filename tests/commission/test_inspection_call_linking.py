"""When Ofsted publishes and the MI file is imported, the inspection is linked to the call the
school made, and shows on the support page. Ofsted's app knows nothing of the commission: the
link is made from here, for whatever writes inspections (the import in bulk, the office)."""

import datetime

from commission.inspection_support import inspection_calls_link
from commission.models import InspectionCall
from commission.models.inspection_support import LINK_WINDOW_DAYS
from ofsted.mi_import import ofsted_import
from ofsted.models import Inspection, InspectionType
from ofsted.services import inspection_record
from tests.commission.inspection_calls import days, mi_file, open_call, today


def test_the_mi_import_links_the_published_inspection_to_the_call(
    client_for, primary_director, head_a, school_a
):
    call = open_call(school_a, head_a, starts_in=-2)
    # Ofsted's start a day after the date the head gave: still the same inspection.
    summary = ofsted_import(source=mi_file(urn=school_a.urn, started=days(-1), published=today()))
    assert summary.created == 2  # this report card, and an older ungraded inspection
    call.refresh_from_db()
    assert call.inspection == Inspection.objects.get(school=school_a, start_date=days(-1))
    assert call.inspection.inspection_type == InspectionType.REPORT_CARD
    page = client_for(primary_director).get(f"/commission/inspections/{call.pk}/").content
    assert f"published {today():%-d %B %Y}" in page.decode()


def test_an_inspection_outside_the_window_or_of_another_school_is_not_linked(
    head_a, school_a, school_b
):
    call = open_call(school_a, head_a, starts_in=-2)
    outside = days(-2 - LINK_WINDOW_DAYS - 1)
    ofsted_import(source=mi_file(urn=school_a.urn, started=outside, published=today()))
    ofsted_import(source=mi_file(urn=school_b.urn, started=days(-2), published=today()))
    call.refresh_from_db()
    assert call.inspection is None


def test_the_office_entering_the_inspection_by_hand_links_it_too(head_a, school_a):
    call = open_call(school_a, head_a, starts_in=-1)
    inspection, _ = inspection_record(
        school=school_a,
        values={
            "inspection_type": InspectionType.GRADED,
            "start_date": days(-1 + LINK_WINDOW_DAYS),
        },
    )
    call.refresh_from_db()
    assert call.inspection == inspection


def test_one_inspection_links_one_call_the_nearest_of_its_type(head_a, school_a, office_admin):
    near = open_call(school_a, head_a, starts_in=-3)
    InspectionCall.objects.filter(pk=near.pk).update(inspection_type=InspectionType.MONITORING)
    inspection_record(
        school=school_a,
        values={"inspection_type": InspectionType.MONITORING, "start_date": days(-3)},
    )
    near.refresh_from_db()
    assert near.inspection is not None
    # A later call for a new inspection stays open until its own inspection is published.
    later = open_call(school_a, office_admin, starts_in=1)
    assert inspection_calls_link(school_ids=[school_a.pk]) == 0
    later.refresh_from_db()
    assert later.inspection is None and later.starts_on - near.starts_on == datetime.timedelta(4)
