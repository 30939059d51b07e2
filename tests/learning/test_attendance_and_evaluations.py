import pytest
from django.core.exceptions import ValidationError

from learning.models import Evaluation, Status
from learning.services import attendance_record, evaluation_submit
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, EventFactory
from thep.models import Role


@pytest.fixture
def facilitator(db):
    return UserFactory(email="facilitator@example.org", role=Role.CONSULTANT)


@pytest.fixture
def finished(facilitator, school_a, staff_a):
    """A course that ran three days ago, with staff_a and a colleague confirmed."""
    event = EventFactory(title="Phonics and Early Reading", sessions=[-3], facilitator=facilitator)
    staff = BookingFactory(event=event, school=school_a, delegate=staff_a,
                           delegate_email=staff_a.email)  # fmt: skip
    colleague = BookingFactory(event=event, school=school_a)
    BookingFactory(event=event, school=school_a, status=Status.CANCELLED)
    return event, staff, colleague


@pytest.mark.django_db
def test_the_facilitator_marks_attendance_on_the_page(finished, client_for, facilitator):
    event, staff, colleague = finished
    client = client_for(facilitator)
    page = client.get(f"/learning/{event.pk}/attendance/").content.decode()
    assert page.count('type="checkbox"') == 2  # confirmed places only
    client.post(f"/learning/{event.pk}/attendance/", {"attended": [staff.pk]})
    staff.refresh_from_db()
    colleague.refresh_from_db()
    assert (staff.attended, colleague.attended) == (True, False)


@pytest.mark.django_db
def test_another_facilitator_cannot_mark_attendance(finished, client_for, lc_other):
    event, *_ = finished
    assert client_for(lc_other).get(f"/learning/{event.pk}/attendance/").status_code == 404


@pytest.mark.django_db
def test_attendance_cannot_be_marked_before_the_event(facilitator, school_a):
    event = EventFactory(facilitator=facilitator)
    booking = BookingFactory(event=event, school=school_a)
    with pytest.raises(ValidationError, match="has not started yet"):
        attendance_record(event=event, attended_ids={booking.pk}, by=facilitator)


@pytest.mark.django_db
def test_only_confirmed_delegates_are_marked(finished, facilitator, school_a):
    event, staff, _ = finished
    other = BookingFactory(school=school_a)
    with pytest.raises(ValidationError, match="Only delegates with a confirmed place"):
        attendance_record(event=event, attended_ids={staff.pk, other.pk}, by=facilitator)
    staff.refresh_from_db()
    assert staff.attended is None


@pytest.mark.django_db
def test_an_attendee_evaluates_and_directors_see_the_results(
    finished, facilitator, client_for, staff_a, director
):
    event, staff, colleague = finished
    attendance_record(event=event, attended_ids={staff.pk, colleague.pk}, by=facilitator)
    client = client_for(staff_a)
    assert (
        f"/learning/bookings/{staff.pk}/evaluation/"
        in client.get("/learning/bookings/").content.decode()
    )
    response = client.post(
        f"/learning/bookings/{staff.pk}/evaluation/",
        {"rating": "4", "comments": "Practical ideas I used the next day."},
    )
    assert response.status_code == 302
    evaluate_page = client.get(f"/learning/bookings/{staff.pk}/evaluation/").content.decode()
    assert "You have already evaluated this event" in evaluate_page
    bookings_page = client.get("/learning/bookings/").content.decode()
    assert "Tell us how it went" not in bookings_page  # nothing left to evaluate
    evaluation_submit(booking=colleague, rating=2, comments="")

    results = client_for(director).get(f"/learning/{event.pk}/evaluations/").content.decode()
    assert "2 evaluations from 2 delegates who attended. Average rating 3.0 out of 5." in results
    assert "Practical ideas I used the next day." in results


@pytest.mark.django_db
def test_a_rating_must_be_one_to_five_and_the_form_keeps_the_comment(
    finished, facilitator, client_for, staff_a
):
    event, staff, _ = finished
    attendance_record(event=event, attended_ids={staff.pk}, by=facilitator)
    response = client_for(staff_a).post(
        f"/learning/bookings/{staff.pk}/evaluation/", {"rating": "9", "comments": "Useful"}
    )
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "Useful</textarea>" in page
    assert not Evaluation.objects.exists()


@pytest.mark.django_db
def test_someone_who_did_not_attend_cannot_evaluate(finished, facilitator, client_for, staff_a):
    event, staff, colleague = finished
    attendance_record(event=event, attended_ids={colleague.pk}, by=facilitator)
    assert client_for(staff_a).get(f"/learning/bookings/{staff.pk}/evaluation/").status_code == 404
    staff.refresh_from_db()
    with pytest.raises(ValidationError, match="Only delegates who attended"):
        evaluation_submit(booking=staff, rating=5, comments="")


@pytest.mark.django_db
def test_a_facilitator_finds_their_events_from_the_catalogue(finished, client_for, facilitator):
    event, staff, _ = finished
    attendance_record(event=event, attended_ids={staff.pk}, by=facilitator)
    EventFactory(title="Someone else's course")
    client = client_for(facilitator)
    assert (
        '<a href="/learning/attendance/">Attendance and evaluations</a>'
        in client.get("/learning/").content.decode()
    )
    page = client.get("/learning/attendance/").content.decode()
    assert "Mark attendance at Phonics and Early Reading" in page
    assert "Someone else" not in page
    assert "Average rating" not in page  # for directors


@pytest.mark.django_db
def test_directors_see_every_event_with_its_average_rating(finished, director, facilitator,
                                                           client_for):  # fmt: skip
    event, staff, colleague = finished
    attendance_record(event=event, attended_ids={staff.pk, colleague.pk}, by=facilitator)
    evaluation_submit(booking=staff, rating=5, comments="")
    evaluation_submit(booking=colleague, rating=4, comments="")
    page = client_for(director).get("/learning/attendance/").content.decode()
    assert "4.5 out of 5" in page


@pytest.mark.django_db
@pytest.mark.parametrize("events", [3, 30])
def test_the_attendance_list_needs_the_same_queries_however_many_events(
    client_for, director, school_a, django_assert_max_num_queries, events
):
    for _ in range(events):
        BookingFactory(school=school_a, event=EventFactory(sessions=[-3]))
    client = client_for(director)
    # The session, the person, the menu, the count and the events themselves: a fixed eight.
    with django_assert_max_num_queries(8):
        page = client.get("/learning/attendance/").content.decode()
    assert page.count("Mark attendance at") == events
