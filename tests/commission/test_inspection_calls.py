"""A head tells THEP that Ofsted has called; the school's LC and the phase director hear of it;
a director assigns the support; what is refused, and who may see what."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from commission.inspection_support import (
    inspection_call_assign,
    inspection_support_lines,
    support_note_add,
)
from commission.models import InspectionCall, SupportNote
from membership.models import Phase
from ofsted.models import InspectionType
from reports.kpis import kpi_figures
from tests.commission.inspection_calls import call_recorded, days, open_call, today
from tests.factories import AffiliationFactory, AllocationFactory, SchoolFactory, UserFactory
from thep import years
from thep.models import OutboxMessage, Role


def form(starts_in: int = 1, called_in: int = 0, kind: str = "graded") -> dict:
    return {
        "called_on": days(called_in).isoformat(),
        "starts_on": days(starts_in).isoformat(),
        "inspection_type": kind,
    }


def test_the_head_presses_ofsted_called_on_the_home_page_and_the_lc_and_director_are_told(
    client_for, head_a, school_a, lc_a, primary_director, secondary_director
):
    home = client_for(head_a).get("/").content.decode()
    assert f"/commission/schools/{school_a.urn}/ofsted-called/" in home
    response = client_for(head_a).post(
        f"/commission/schools/{school_a.urn}/ofsted-called/", form(starts_in=1)
    )
    call = InspectionCall.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/commission/inspections/{call.pk}/"
    )
    assert (call.school, call.recorded_by, call.starts_on) == (school_a, head_a, days(1))
    (told,) = OutboxMessage.objects.filter(kind="commission.inspection_call")
    assert told.to == [lc_a.email, primary_director.email]
    assert told.subject == f"Ofsted has called {school_a.name}: inspection from {days(1):%-d %B %Y}"
    assert f"/commission/inspections/{call.pk}/" in told.body


def test_all_through_schools_go_to_the_director_of_secondary(
    office_admin, primary_director, secondary_director
):
    school = SchoolFactory(phase=Phase.ALL_THROUGH)
    call_recorded(school, office_admin)
    (told,) = OutboxMessage.objects.filter(kind="commission.inspection_call")
    assert told.to == [secondary_director.email]


def test_the_office_records_the_call_for_a_head_on_the_phone(
    client_for, office_admin, school_a, lc_a
):
    page = client_for(office_admin).get(f"/schools/{school_a.urn}/").content.decode()
    assert f"Record that Ofsted called {school_a.name}" in page
    response = client_for(office_admin).post(
        f"/commission/schools/{school_a.urn}/ofsted-called/", form()
    )
    assert response.status_code == 302 and response["Location"] == f"/schools/{school_a.urn}/"
    assert InspectionCall.objects.get().recorded_by == office_admin
    page = client_for(office_admin).get(response["Location"]).content.decode()
    assert "The school&#x27;s LC and the director have been emailed." in page


def test_a_head_cannot_record_a_call_for_another_school(client_for, head_b, school_a):
    url = f"/commission/schools/{school_a.urn}/ofsted-called/"
    assert client_for(head_b).post(url, form()).status_code == 404
    assert not InspectionCall.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (form(starts_in=-8, called_in=-9), "That start date is more than 7 days ago."),
        (form(starts_in=800), "a start more than three months ahead must be a slip"),
        (form(starts_in=1, called_in=1), "cannot be later than today"),
        (form(starts_in=-2, called_in=0), "Ofsted calls before the inspection starts"),
        ({**form(), "starts_on": "next Tuesday"}, "Write the first day as a date"),
        ({**form(), "inspection_type": "snap"}, "Choose the type of inspection from the list."),
    ],
)
def test_bad_dates_and_types_are_refused_in_plain_words(
    client_for, head_a, school_a, fields, message
):
    response = client_for(head_a).post(f"/commission/schools/{school_a.urn}/ofsted-called/", fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not InspectionCall.objects.exists()


def test_a_second_open_call_for_the_same_inspection_is_refused_and_the_first_kept(
    head_a, school_a, office_admin
):
    first = call_recorded(school_a, head_a, starts_in=1)
    with pytest.raises(ValidationError, match="already knows of this inspection"):
        call_recorded(school_a, office_admin, starts_in=3)
    assert list(InspectionCall.objects.all()) == [first]
    assert OutboxMessage.objects.filter(kind="commission.inspection_call").count() <= 1


def test_a_director_assigns_an_lc_and_a_director_but_nobody_else(
    client_for, primary_director, head_a, school_a, lc_a
):
    call = call_recorded(school_a, head_a)
    url = f"/commission/inspections/{call.pk}/assign/"
    refused = client_for(primary_director).post(
        url, {"meets_lead_inspector": head_a.pk, "attends_feedback": lc_a.pk}
    )
    assert refused.status_code == 400
    assert "Choose a Leadership Consultant or a director from the list." in refused.content.decode()
    call.refresh_from_db()
    assert call.meets_lead_inspector is None
    with pytest.raises(ValidationError, match="is not a Leadership Consultant or a director"):
        inspection_call_assign(
            call=call, by=primary_director, meets_lead_inspector=head_a, attends_feedback=lc_a
        )
    done = client_for(primary_director).post(
        url, {"meets_lead_inspector": lc_a.pk, "attends_feedback": primary_director.pk}
    )
    assert done.status_code == 302
    call.refresh_from_db()
    assert (call.meets_lead_inspector, call.attends_feedback) == (lc_a, primary_director)


def test_notes_are_for_directors_the_lc_and_the_head_and_never_the_la(
    client_for, director, head_a, head_b, lc_a, lc_other, la_officer, office_admin, school_a
):
    call = open_call(school_a, head_a)
    note = client_for(lc_a).post(
        f"/commission/inspections/{call.pk}/notes/", {"text": "Met the lead inspector at 8."}
    )
    assert note.status_code == 302
    url = f"/commission/inspections/{call.pk}/"
    for person in (director, head_a, lc_a):
        assert "Met the lead inspector at 8." in client_for(person).get(url).content.decode()
    for person in (la_officer, head_b, lc_other, office_admin):
        assert client_for(person).get(url).status_code == 404, person
    assert client_for(head_a).post(url + "notes/", {"text": "x"}).status_code == 404
    assert SupportNote.objects.count() == 1


def test_an_empty_note_is_refused(director, head_a, school_a):
    call = open_call(school_a, head_a)
    with pytest.raises(ValidationError, match="Write the note"):
        support_note_add(call=call, by=director, text="  ")


def test_the_kpis_and_the_la_count_inspections_supported_never_notes(
    director, primary_director, head_a, school_a, lc_a
):
    call = call_recorded(school_a, head_a)
    open_call(SchoolFactory(), head_a)
    inspection_call_assign(
        call=call, by=primary_director, meets_lead_inspector=lc_a, attends_feedback=lc_a
    )
    support_note_add(call=call, by=lc_a, text="A private note")
    year = years.year_of(days(1))
    assert kpi_figures(user=director, year=year)["inspections_supported"] == 1
    lines = inspection_support_lines(year=year)
    assert [(done, of) for _, done, of in lines] == [(2, None), (1, 2), (0, 2)]
    assert "A private note" not in repr(lines)
    assert kpi_figures(user=director, year=year - 1)["inspections_supported"] == 0


def test_the_lc_and_the_director_find_the_call_on_their_home_page(
    client_for, primary_director, head_a, school_a, lc_a
):
    call = call_recorded(school_a, head_a)
    for person in (lc_a, primary_director):
        page = client_for(person).get("/").content.decode()
        assert f"/commission/inspections/{call.pk}/" in page, person
    listing = client_for(primary_director).get("/commission/inspections/").content.decode()
    assert school_a.name in listing


def test_the_lc_is_the_one_allocated_for_the_year_of_the_call(head_a, school_a, primary_director):
    last_year = UserFactory(role=Role.CONSULTANT, email="old.lc@example.org")
    AllocationFactory(school=school_a, consultant=last_year, year=years.current() - 1)
    this_year = UserFactory(role=Role.CONSULTANT, email="new.lc@example.org")
    AllocationFactory(school=school_a, consultant=this_year)
    call_recorded(school_a, head_a)
    (told,) = OutboxMessage.objects.filter(kind="commission.inspection_call")
    assert told.to == ["new.lc@example.org", primary_director.email]


def test_an_executive_head_presses_for_one_of_their_schools(client_for, head_a, school_a):
    other = SchoolFactory(name="Marner Primary School")
    AffiliationFactory(person=head_a, school=other)
    page = client_for(head_a).get("/").content.decode()
    assert "Ofsted called: Marner Primary School" in page
    assert "Ofsted called: Bonner Primary School" in page
    call_recorded(other, head_a, kind=InspectionType.UNGRADED)
    assert InspectionCall.objects.get().school == other
    assert today() <= InspectionCall.objects.get().starts_on <= today() + datetime.timedelta(days=1)


def test_the_pages_listing_calls_ask_the_same_queries_however_many_there_are(
    client_for, django_assert_max_num_queries, primary_director, head_a, school_a, lc_a
):
    def counted(person, url: str) -> int:
        client = client_for(person)
        client.get(url)
        with django_assert_max_num_queries(20) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    pages = [(primary_director, "/"), (primary_director, "/commission/inspections/"),
             (lc_a, "/"), (head_a, "/")]  # fmt: skip

    def more(first: int, last: int) -> None:
        for n in range(first, last):
            school = SchoolFactory()
            AllocationFactory(school=school, consultant=lc_a)
            AffiliationFactory(person=head_a, school=school)
            open_call(school, head_a, starts_in=n)

    # Past a queue's length (8) the home pages count the rest: compare two long lists.
    more(1, 10)
    few = [counted(person, url) for person, url in pages]
    more(10, 12)
    assert [counted(person, url) for person, url in pages] == few


def test_a_subject_access_export_lists_the_calls_and_notes_of_the_person(
    tmp_path, head_a, school_a, lc_a
):
    call = open_call(school_a, head_a)
    support_note_add(call=call, by=lc_a, text="Met the lead inspector.")
    output = tmp_path / "export.json"
    call_command("export_person", lc_a.email, output=str(output))
    exported = json.loads(output.read_text())
    assert exported["notes of inspection support"][0]["text"] == "Met the lead inspector."
    call_command("export_person", head_a.email, output=str(output))
    (recorded,) = json.loads(output.read_text())["Ofsted inspection support"]
    assert (recorded["school"], recorded["recorded_by_them"]) == (school_a.name, True)
