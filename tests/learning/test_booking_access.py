import pytest

from learning.selectors import booking_for, bookings_for
from membership.models import Affiliation
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, EventFactory
from thep.models import Role


@pytest.fixture
def bookings(school_a, school_b, staff_a, head_a, head_b):
    event = EventFactory()
    return {
        "staff_a": BookingFactory(event=event, school=school_a, delegate=staff_a,
                                  delegate_email=staff_a.email, booked_by=head_a),
        "colleague_a": BookingFactory(event=event, school=school_a, booked_by=head_a,
                                      delegate_name="Amy Rahman"),
        "school_b": BookingFactory(event=event, school=school_b, booked_by=head_b),
    }  # fmt: skip


@pytest.mark.django_db
def test_a_head_sees_every_booking_of_the_school_and_none_of_another(bookings, head_a, head_b):
    assert set(bookings_for(user=head_a)) == {bookings["staff_a"], bookings["colleague_a"]}
    assert set(bookings_for(user=head_b)) == {bookings["school_b"]}


@pytest.mark.django_db
def test_staff_see_only_their_own_bookings(bookings, staff_a):
    assert list(bookings_for(user=staff_a)) == [bookings["staff_a"]]


@pytest.mark.django_db
def test_a_cpd_lead_sees_every_booking_of_the_school(bookings, school_a):
    lead = UserFactory(role=Role.STAFF)
    Affiliation.objects.create(person=lead, school=school_a, is_cpd_lead=True)
    assert set(bookings_for(user=lead)) == {bookings["staff_a"], bookings["colleague_a"]}


@pytest.mark.django_db
def test_directors_see_every_booking_and_lcs_and_the_la_none(bookings, director, lc_a, la_officer):
    assert bookings_for(user=director).count() == 3
    assert not bookings_for(user=lc_a).exists()
    assert not bookings_for(user=la_officer).exists()


@pytest.mark.django_db
def test_a_staff_booking_made_at_another_school_stays_hidden(bookings, school_b, staff_a):
    """A delegate with staff_a's email booked by school B is school B's business."""
    hidden = BookingFactory(school=school_b, delegate_email=staff_a.email)
    assert hidden not in bookings_for(user=staff_a)


@pytest.mark.django_db
def test_another_schools_booking_answers_404_on_every_page(bookings, client_for, head_a):
    from django.http import Http404

    other = bookings["school_b"]
    with pytest.raises(Http404):
        booking_for(user=head_a, pk=other.pk)
    client = client_for(head_a)
    for page in ("cancel", "offer", "evaluation"):
        assert client.get(f"/learning/bookings/{other.pk}/{page}/").status_code == 404
    assert client.post(f"/learning/bookings/{other.pk}/cancel/").status_code == 404
    assert other.school.name not in client.get("/learning/bookings/").content.decode()
    other.refresh_from_db()
    assert other.status == "confirmed"


@pytest.mark.django_db
def test_the_bookings_page_lists_the_schools_bookings(bookings, client_for, head_a):
    page = client_for(head_a).get("/learning/bookings/").content.decode()
    assert bookings["colleague_a"].delegate_name in page
    assert bookings["staff_a"].delegate_name in page
