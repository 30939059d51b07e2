"""The coach books sessions within the head's entitlement and marks them held, missed or
cancelled; what cannot be done is refused in plain words and changes nothing."""

import datetime
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from coaching.models import Mode, Session, SessionStatus
from coaching.selectors import entitlement_of
from coaching.services import session_book, session_mark
from tests.coaching.factories import CoachingFactory, SessionFactory
from tests.factories import SchoolFactory, UserFactory
from tests.membership.factories import MembershipFactory
from thep.models import Role

YEAR = 2023
DAY = datetime.date(2023, 11, 14)


@pytest.fixture
def coaching(db):
    """A member school's head of long standing (3 sessions) and their coach."""
    school = SchoolFactory(headship_start=datetime.date(2015, 9, 1))
    MembershipFactory(member__school=school, year=YEAR)
    return CoachingFactory(school=school, year=YEAR)


def book(coaching, day=DAY, by=None, **fields):
    when: dict[str, Any] = {"start_time": datetime.time(9, 30), "mode": Mode.ONLINE, "place": ""}
    return session_book(allocation=coaching, date=day, by=by or coaching.coach, **(when | fields))


def test_the_coach_books_a_session_and_marks_it_held(coaching):
    session = book(coaching)
    assert entitlement_of(school=coaching.school, year=YEAR).left == 2
    session_mark(session=session, status=SessionStatus.HELD, by=coaching.coach, today=DAY)
    entitlement = entitlement_of(school=coaching.school, year=YEAR)
    assert (entitlement.held, entitlement.left) == (1, 2)


def test_a_booking_beyond_the_entitlement_is_refused_with_the_reason(coaching):
    for n in range(3):
        book(coaching, day=DAY + datetime.timedelta(days=n))
    with pytest.raises(ValidationError, match="no coaching sessions left in 2023-24: 3 in all"):
        book(coaching, day=DAY + datetime.timedelta(days=7))
    assert Session.objects.count() == 3


def test_a_cancelled_session_frees_its_place_and_a_missed_one_does_not(coaching):
    first, second, _ = (book(coaching, day=DAY + datetime.timedelta(days=n)) for n in range(3))
    session_mark(session=first, status=SessionStatus.CANCELLED, by=coaching.coach, today=DAY)
    later = DAY + datetime.timedelta(days=5)
    session_mark(session=second, status=SessionStatus.MISSED, by=coaching.coach, today=later)
    assert entitlement_of(school=coaching.school, year=YEAR).left == 1
    book(coaching, day=DAY + datetime.timedelta(days=30))
    with pytest.raises(ValidationError, match="no coaching sessions left"):
        book(coaching, day=DAY + datetime.timedelta(days=31))


def test_a_session_is_not_marked_held_before_its_day(coaching):
    session = book(coaching)
    with pytest.raises(ValidationError, match="on or after its day, 14 November 2023"):
        session_mark(
            session=session,
            by=coaching.coach,
            status=SessionStatus.HELD,
            today=DAY - datetime.timedelta(days=1),
        )
    session.refresh_from_db()
    assert session.status == SessionStatus.BOOKED


def test_a_marked_session_is_not_marked_again(coaching):
    session = book(coaching)
    session_mark(session=session, status=SessionStatus.HELD, by=coaching.coach, today=DAY)
    with pytest.raises(ValidationError, match="already held"):
        session_mark(session=session, status=SessionStatus.CANCELLED, by=coaching.coach, today=DAY)


@pytest.mark.parametrize("day", [datetime.date(2023, 8, 31), datetime.date(2024, 9, 1)])
def test_a_session_outside_the_allocations_year_is_refused(coaching, day):
    with pytest.raises(ValidationError, match="between 1 September 2023 and 31 August 2024"):
        book(coaching, day=day)
    assert not Session.objects.exists()


def test_a_face_to_face_session_needs_a_place(coaching):
    with pytest.raises(ValidationError, match="Say where"):
        book(coaching, mode=Mode.IN_PERSON, place="  ")
    session = book(coaching, mode=Mode.IN_PERSON, place="Bonner Primary School")
    assert session.where == "Bonner Primary School"


def test_an_online_session_keeps_no_place(coaching):
    assert book(coaching, place="somewhere").where == "Online"
    assert Session.objects.get().place == ""


def test_only_the_heads_own_coach_books_and_marks(coaching):
    other = UserFactory(role=Role.COACH)
    with pytest.raises(ValidationError, match="Only the head's coach"):
        book(coaching, by=other)
    session = book(coaching)
    with pytest.raises(ValidationError, match="Only the head's coach"):
        session_mark(session=session, status=SessionStatus.HELD, by=other, today=DAY)


def test_nothing_said_in_coaching_can_be_recorded():
    """There is no field to write what a session was about: only who, when, where and whether
    it was held."""
    from django.apps import apps

    for model in apps.get_app_config("coaching").get_models():
        texts = {
            field.name
            for field in model._meta.get_fields()
            if field.get_internal_type() in ("TextField", "CharField", "JSONField")
        }
        assert texts <= {"mode", "place", "status"}, model


@pytest.mark.django_db(transaction=True)
def test_two_bookings_at_once_cannot_both_take_the_last_session():
    school = SchoolFactory(headship_start=datetime.date(2015, 9, 1))
    MembershipFactory(member__school=school, year=YEAR)
    coaching = CoachingFactory(school=school, year=YEAR)
    SessionFactory.create_batch(2, allocation=coaching, date=DAY)
    start = threading.Barrier(2)
    refused: list[str] = []

    def booking(days: int) -> None:
        start.wait(5)
        try:
            book(coaching, day=DAY + datetime.timedelta(days=days))
        except ValidationError as refusal:
            refused.extend(refusal.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=booking, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert Session.objects.count() == 3
    assert len(refused) == 1 and "no coaching sessions left" in refused[0]


def test_a_heads_coaching_is_in_their_personal_data_without_anything_said(coaching):
    from coaching.privacy import person_data

    book(coaching, mode=Mode.IN_PERSON, place="The school")
    [(section, data)] = person_data(coaching.head)
    assert isinstance(data, list)
    assert section == "executive coaching"
    assert data[0]["sessions"] == [
        {"date": "2023-11-14", "time": "09:30", "where": "The school", "status": "Booked"}
    ]
    assert person_data(coaching.coach) == [(section, data)]
