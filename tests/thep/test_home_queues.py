"""Each person's home page is their to-do list: the queues of what waits for them, counted,
each item a link, and nothing of anyone else's."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from improvement.models import (
    ActionStatus,
    DiagnosticReview,
    InterventionGroup,
    InterventionReview,
    ReportComment,
    ReportStatus,
    ReviewItem,
    ReviewMeeting,
    Step,
)
from membership.models import Phase
from ofsted.models import OfstedStanding
from tests.factories import AllocationFactory, SchoolFactory
from tests.improvement.factories import ReportFactory, VisitFactory
from tests.learning.factories import BookingFactory, EventFactory
from tests.membership.invoicing import draft_for, issued_for
from tests.ofsted.factories import InspectionFactory
from thep.models import ImportJob, SecurityEvent, User
from thep.security import mfa_required

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def queues(client, person) -> dict:
    response = client(person).get("/")
    assert response.status_code == 200
    return {queue.key: queue for queue in response.context["queues"]}


def texts(queue) -> list[str]:
    return [item.text for item in queue.items]


def test_a_heads_queues_hold_their_schools_reports_visits_invoices_and_window(
    client_for, head_a, head_b, lc_a, school_a, school_b
):
    due_soon = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, visit__date=TODAY - 3 * DAY,
        status=ReportStatus.SHARED,
    )  # fmt: skip
    late = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, visit__date=TODAY - 20 * DAY,
        status=ReportStatus.SHARED,
    )  # fmt: skip
    ReportFactory(visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.DRAFT)
    other = ReportFactory(visit__school=school_b, status=ReportStatus.SHARED)
    asked = ReportComment.objects.create(report=late, author=head_a, text="Add the governors.")
    ReportComment.objects.create(
        report=late, author=lc_a, kind=Step.ANSWER, answer_to=asked, text="Added."
    )
    VisitFactory(school=school_a, consultant=lc_a, date=TODAY + 10 * DAY, focus="Maths")
    VisitFactory(school=school_b, date=TODAY + 5 * DAY, focus="Reading")
    invoice = issued_for(school_a, on=TODAY - 40 * DAY)
    issued_for(school_b, on=TODAY - 40 * DAY)
    OfstedStanding.objects.update_or_create(
        school=school_a,
        defaults={"due_by": TODAY + 200 * DAY, "window_kind": "graded", "computed_on": TODAY},
    )

    found = queues(client_for, head_a)

    agree = found["agree"]
    assert agree.count == 2
    assert [item.url for item in agree.items] == [
        f"/improvement/reports/{late.pk}/",
        f"/improvement/reports/{due_soon.pk}/",
    ]  # the longest overdue first
    assert [item.late for item in agree.items] == [True, False]
    assert f"agree by {late.due_by.day} {late.due_by:%b %Y}" == agree.items[0].note
    assert other.visit.school.name not in " ".join(texts(agree))
    assert found["answers"].count == 1
    assert found["answers"].items[0].url == f"/improvement/reports/{late.pk}/"
    assert [item.note.split(",")[-1].strip() for item in found["visits"].items] == ["Maths"]
    assert found["invoices"].count == 1
    assert found["invoices"].items[0].text.startswith(invoice.reference)
    assert found["invoices"].items[0].late  # 30 days' terms, issued 40 days ago
    assert texts(found["ofsted"]) == ["Bonner Primary School"]
    assert found["ofsted"].items[0].url == f"/ofsted/schools/{school_a.urn}/"

    page = client_for(head_a).get("/").content.decode()
    assert "2 reports to agree" in page
    assert f'href="/improvement/reports/{late.pk}/"' in page
    assert f'href="/improvement/reports/{other.pk}/"' not in page
    assert "Cayley Primary School" not in page


def test_head_b_sees_none_of_school_as_items(client_for, head_a, head_b, lc_a, school_a):
    ReportFactory(visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.SHARED)
    VisitFactory(school=school_a, consultant=lc_a, date=TODAY + 10 * DAY)
    issued_for(school_a, on=TODAY - 40 * DAY)
    found = queues(client_for, head_b)
    assert {key: texts(queue) for key, queue in found.items() if queue.count} == {
        "ofsted": ["Cayley Primary School"]  # their own school's window, nothing else
    }
    assert "Bonner Primary School" not in client_for(head_b).get("/").content.decode()


def test_an_lcs_queues_hold_reports_to_write_answer_and_chase_visits_and_diagnostics(
    client_for, lc_a, lc_other, head_a, school_a
):
    to_write = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, visit__date=TODAY - 2 * DAY
    )
    ReportFactory(visit__school=school_a, visit__consultant=lc_a, visit__date=TODAY + 2 * DAY)
    asked = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.CHANGES
    )
    ReportComment.objects.create(report=asked, author=head_a, text="Please add the governors.")
    chase = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, visit__date=TODAY - 30 * DAY,
        status=ReportStatus.SHARED,
    )  # fmt: skip
    others = ReportFactory(
        visit__school=lc_other.allocations.get().school, visit__consultant=lc_other
    )

    found = queues(client_for, lc_a)

    assert [item.url for item in found["write"].items] == [
        f"/improvement/reports/{to_write.pk}/edit/"
    ]
    assert [item.url for item in found["answer"].items] == [f"/improvement/reports/{asked.pk}/"]
    assert [item.url for item in found["overdue"].items] == [f"/improvement/reports/{chase.pk}/"]
    assert found["overdue"].items[0].late
    # Four visits this year (past and planned) of the three a year: nothing to arrange.
    assert found["arrange"].count == 0
    assert texts(found["diagnostics"]) == ["Bonner Primary School"]
    page = client_for(lc_a).get("/").content.decode()
    assert others.visit.school.name not in " ".join(
        item.text for queue in found.values() for item in queue.items
    )
    assert f"/improvement/reports/{others.pk}/" not in page


def test_an_lc_is_told_of_reports_the_head_agreed_that_wait_to_be_submitted(
    client_for, lc_a, lc_other, school_a
):
    agreed = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.AGREED,
        agreed_at=timezone.now(),
    )  # fmt: skip
    ReportFactory(visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.SUBMITTED)
    ReportFactory(
        visit__school=lc_other.allocations.get().school, visit__consultant=lc_other,
        status=ReportStatus.AGREED, agreed_at=timezone.now(),
    )  # fmt: skip

    found = queues(client_for, lc_a)

    assert [item.url for item in found["submit"].items] == [f"/improvement/reports/{agreed.pk}/"]
    assert queues(client_for, lc_other)["submit"].count == 1


def test_an_lc_is_told_of_visits_to_arrange_and_a_recorded_review_leaves_the_queue(
    client_for, lc_a, school_a
):
    visit = VisitFactory(
        school=school_a, consultant=lc_a, date=TODAY - 10 * DAY, focus="Diagnostic review"
    )
    found = queues(client_for, lc_a)
    assert texts(found["arrange"]) == ["Bonner Primary School: 2 of 3 to arrange"]
    assert found["diagnostics"].items[0].url == f"/improvement/visits/{visit.pk}/diagnostic/"
    DiagnosticReview.objects.create(
        visit=visit, school=school_a, year=visit.year, priorities="Reading"
    )
    assert queues(client_for, lc_a)["diagnostics"].count == 0


@pytest.fixture
def secondary(db):
    school = SchoolFactory(name="Mulberry School for Girls", phase=Phase.SECONDARY)
    AllocationFactory(school=school)
    return school


def test_a_phase_director_sees_their_phases_reports_schools_windows_and_reviews(
    client_for, primary_director, secondary_director, lc_a, school_a, secondary, la_officer
):
    submitted = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )  # fmt: skip
    overdue = ReportFactory(
        visit__school=secondary, visit__date=TODAY - 30 * DAY, status=ReportStatus.SHARED
    )
    OfstedStanding.objects.update_or_create(
        school=school_a,
        defaults={"due_by": TODAY + 30 * DAY, "window_kind": "graded", "computed_on": TODAY},
    )
    group = InterventionGroup.objects.create(
        school=school_a, chair=primary_director, started_on=TODAY - 60 * DAY
    )
    meeting = ReviewMeeting.objects.create(held_on=TODAY - 20 * DAY)
    item = ReviewItem.objects.create(
        meeting=meeting, school=secondary, discussion="Falling roll", actions="Finance visit",
        owner=la_officer, due_on=TODAY - DAY,
    )  # fmt: skip

    primary = queues(client_for, primary_director)
    assert [i.url for i in primary["finalise"].items] == [f"/improvement/reports/{submitted.pk}/"]
    assert primary["overdue"].count == 0
    assert texts(primary["windows"]) == ["Bonner Primary School"]
    assert [i.url for i in primary["tig-reviews"].items] == [
        f"/improvement/intervention/{group.pk}/"
    ]
    assert primary["tig-reviews"].items[0].late  # six weeks after the start, none held
    assert primary["review-actions"].items[0].url == (
        f"/improvement/review-group/{meeting.pk}/#item-{item.pk}"
    )

    secondary_q = queues(client_for, secondary_director)
    assert secondary_q["finalise"].count == 0
    assert [i.url for i in secondary_q["overdue"].items] == [f"/schools/{secondary.urn}/"]
    assert overdue.visit.school.name in secondary_q["overdue"].items[0].text
    assert secondary_q["windows"].count == 0 and secondary_q["tig-reviews"].count == 0

    InterventionReview.objects.create(
        group=group, held_on=TODAY - DAY, notes="Progress", by=primary_director
    )
    assert queues(client_for, primary_director)["tig-reviews"].count == 0


def test_directors_are_shown_schools_with_no_visit_this_term(
    client_for, director, primary_director, secondary
):
    assert texts(queues(client_for, director)["unvisited"]) == ["Mulberry School for Girls"]
    assert queues(client_for, primary_director)["unvisited"].count == 0
    VisitFactory(school=secondary, date=TODAY)
    assert queues(client_for, director)["unvisited"].count == 0


def test_an_la_officer_sees_the_next_meeting_and_ofsted_changes_since_their_last_visit(
    client_for, la_officer, school_a, school_b, lc_a, director
):
    ReviewMeeting.objects.create(held_on=TODAY - 60 * DAY)
    coming = ReviewMeeting.objects.create(held_on=TODAY + 14 * DAY)
    item = ReviewItem.objects.create(meeting=coming, school=school_a, discussion="Falling roll")
    ReportFactory(visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.SHARED)
    known = InspectionFactory(school=school_b)
    last_visit = SecurityEvent.objects.create(kind=SecurityEvent.Kind.LOGIN, person=la_officer)
    SecurityEvent.objects.filter(pk=last_visit.pk).update(at=timezone.now() - 5 * DAY)
    known.created_at = timezone.now() - 6 * DAY
    known.save()
    new = InspectionFactory(school=school_a, overall_effectiveness=3)

    found = queues(client_for, la_officer)  # this login is their visit now

    meeting = next(queue for key, queue in found.items() if key == "meeting")
    assert meeting.title.startswith("Next School Review Group meeting")
    assert [i.url for i in meeting.items] == [
        f"/improvement/review-group/{coming.pk}/#item-{item.pk}"
    ]
    changes = found["ofsted-changes"]
    assert texts(changes) == ["Bonner Primary School"]
    assert changes.items[0].note == new.summary
    assert "/improvement/reports/" not in client_for(la_officer).get("/").content.decode()


def test_the_office_sees_drafts_overdue_invoices_imports_and_places_to_invoice(
    client_for, office_admin, school_a, school_b, head_a
):
    draft = draft_for(school_b, year=2018)
    overdue = issued_for(school_a, on=TODAY - 60 * DAY)
    job = ImportJob.objects.create(
        kind="gias", file="imports/x.csv", file_name="edubasealldata.csv", state="previewed"
    )
    ImportJob.objects.create(
        kind="gias", file="imports/y.csv", file_name="old.csv", state="applied"
    )
    past = EventFactory(sessions=[-5], booking_deadline=TODAY - 10 * DAY)
    BookingFactory(event=past, school=school_a)
    BookingFactory(event=past, school=school_a)

    found = queues(client_for, office_admin)

    assert [i.url for i in found["drafts"].items] == [
        f"/admin/membership/invoice/{draft.pk}/change/"
    ]
    assert [i.url for i in found["overdue-invoices"].items] == [
        f"/admin/membership/invoice/{overdue.pk}/change/"
    ]
    assert [i.url for i in found["imports"].items] == [f"/admin/thep/importjob/{job.pk}/change/"]
    assert texts(found["places-to-invoice"]) == ["Bonner Primary School: 2 places"]
    for person in (head_a,):
        assert "drafts" not in queues(client_for, person)


def test_staff_see_their_bookings_evaluations_and_certificates_not_colleagues(
    client_for, staff_a, head_a, school_a
):
    own = BookingFactory(school=school_a, delegate=staff_a, delegate_email=staff_a.email)
    colleague = BookingFactory(school=school_a, delegate_name="Colleague")
    attended = BookingFactory(
        event=EventFactory(sessions=[-5]), school=school_a, delegate=staff_a,
        delegate_email=staff_a.email, attended=True,
    )  # fmt: skip

    found = queues(client_for, staff_a)

    assert [i.url for i in found["bookings"].items] == [f"/learning/{own.event_id}/"]
    assert [i.url for i in found["evaluate"].items] == [
        f"/learning/bookings/{attended.pk}/evaluation/"
    ]
    assert [i.url for i in found["certificates"].items] == [
        f"/learning/bookings/{attended.pk}/certificate.pdf"
    ]
    assert "approve" not in found
    assert colleague.delegate_name not in client_for(staff_a).get("/").content.decode()
    assert queues(client_for, head_a)["bookings"].count == 2  # the head sees the school's


def test_overdue_actions_reach_their_owners_home_page_only(
    client_for, la_officer, director, primary_director, school_a
):
    meeting = ReviewMeeting.objects.create(held_on=TODAY - 20 * DAY)
    item = ReviewItem.objects.create(
        meeting=meeting, school=school_a, discussion="Roll", actions="Place planning data",
        owner=la_officer, due_on=TODAY - 2 * DAY,
    )  # fmt: skip
    mine = queues(client_for, la_officer)["actions"]
    assert mine.count == 1 and mine.items[0].late
    assert mine.items[0].url == f"/improvement/review-group/{meeting.pk}/#item-{item.pk}"
    assert "actions" not in queues(client_for, primary_director)
    item.status, item.done_on = ActionStatus.DONE, TODAY
    item.save()
    assert "actions" not in queues(client_for, la_officer)


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("head@example.org", "Reports to agree"),
        ("lc@example.org", "Reports to write"),
        ("primary.director@example.org", "Your actions"),
        ("la@example.org", "School Review Group meeting"),
        ("admin@example.org", "imports waiting"),
        ("staff@example.org", "Your bookings"),
        ("director@example.org", "Reports to finalise"),
    ],
)
def test_each_demo_person_has_a_queue_of_their_own(demo_db, client, email, expected):
    person = User.objects.get(email=email)
    if mfa_required(person):
        TOTP.activate(person, generate_totp_secret())  # as they would have in production
    client.force_login(person)
    response = client.get("/")
    assert response.status_code == 200
    assert expected.lower() in response.content.decode().lower()


def test_empty_queues_are_named_in_one_line_and_ofsted_keeps_its_capital(client_for, director):
    page = client_for(director).get("/").content.decode()
    assert "Nothing waiting: " in page
    assert "Ofsted inspections to assign support to" in page.split("Nothing waiting: ")[1]
