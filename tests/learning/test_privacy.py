import datetime
import json

from django.core.management import call_command
from django.utils import timezone

from learning.services import attendance_record, evaluation_submit
from tests.factories import UserFactory
from tests.learning.factories import BookingFactory, EventFactory


def test_a_subject_access_export_lists_the_persons_bookings_and_evaluations(
    tmp_path, staff_a, school_a, director
):
    event = EventFactory(title="Leadership Lab", sessions=[-3])
    booking = BookingFactory(event=event, school=school_a, delegate_email=staff_a.email)
    attendance_record(event=event, attended_ids={booking.pk}, by=director)
    evaluation_submit(booking=booking, rating=4, comments="Useful")
    BookingFactory(school=school_a)  # someone else's
    output = tmp_path / "export.json"
    call_command("export_person", staff_a.email, output=str(output))
    bookings = json.loads(output.read_text())["professional learning bookings"]
    assert [(b["event"], b["attended"], b["evaluation"]) for b in bookings] == [
        ("Leadership Lab", True, {"rating": 4, "comments": "Useful"})
    ]


def test_retention_removes_the_delegate_details_of_anonymised_accounts(db, school_a):
    long_ago = timezone.now() - datetime.timedelta(days=800)
    gone = UserFactory(email="left@example.org", is_active=False, last_login=long_ago)
    booking = BookingFactory(school=school_a, delegate=gone, delegate_name="Left Person",
                             delegate_email="left@example.org")  # fmt: skip
    call_command("apply_retention", commit=True)
    booking.refresh_from_db()
    assert booking.delegate_name == "(removed)"
    assert booking.delegate_email.endswith("@deleted.invalid")
    assert booking.price == booking.event.member_price  # the school's charge stays
