import pytest

from learning.models import Status
from tests.learning.factories import BookingFactory, EventFactory


@pytest.mark.django_db
def test_the_home_page_shows_a_head_offers_and_places_booked(client_for, head_a, school_a):
    BookingFactory(school=school_a)
    BookingFactory(school=school_a, status=Status.WAITING)
    offered = BookingFactory(school=school_a, delegate_name="Amy Rahman", status=Status.OFFERED,
                             event=EventFactory(title="BAME Leaders"))  # fmt: skip
    BookingFactory(school=school_a, event=EventFactory(sessions=[-3]))  # over
    page = client_for(head_a).get("/").content.decode()
    assert "1 place booked to come, 1 on waiting lists." in page
    assert f'href="/learning/bookings/{offered.pk}/offer/"' in page
    assert "is offered to Amy Rahman" in page


@pytest.mark.django_db
def test_the_home_page_has_no_learning_panel_for_an_lc(client_for, lc_a):
    assert "learning-heading" not in client_for(lc_a).get("/").content.decode()


@pytest.mark.django_db
def test_the_head_is_told_of_staff_bookings_to_approve(client_for, head_a, staff_a, school_a):
    BookingFactory(school=school_a, status=Status.REQUESTED, booked_by=staff_a)
    assert "1 booking by staff to approve" in client_for(head_a).get("/").content.decode()
    assert "to approve" not in client_for(staff_a).get("/").content.decode()


@pytest.mark.django_db
def test_directors_reach_professional_learning_from_the_home_page(client_for, director):
    page = client_for(director).get("/").content.decode()
    assert '<a href="/learning/bookings/">All bookings</a>' in page
    assert '<a href="/learning/attendance/">Attendance and evaluations</a>' in page
    assert 'class="nav-link" href="/learning/"' not in page  # not in their long menu
