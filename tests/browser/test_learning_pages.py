"""The learning pages not on the booking journey pass axe and have one h1."""

from playwright.sync_api import expect

from learning.services import attendance_record, evaluation_submit
from tests.learning.factories import BookingFactory, EventFactory


def test_a_delegate_cancels_accepts_and_evaluates(page, log_in, accessible, staff_a, school_a):
    mine = {"school": school_a, "delegate": staff_a, "delegate_email": staff_a.email}
    upcoming = BookingFactory(event=EventFactory(title="Leadership Lab"), **mine)
    offered = BookingFactory(event=EventFactory(title="BAME Leaders"), status="offered", **mine)
    past = EventFactory(title="Primary Subject Leadership", sessions=[-7])
    attended = BookingFactory(event=past, **mine)
    attendance_record(event=past, attended_ids={attended.pk}, by=staff_a)

    log_in(staff_a)
    page.goto("/learning/bookings/")
    accessible(page)
    page.get_by_role("link", name="Evaluate Primary Subject Leadership").click()
    accessible(page)
    page.get_by_label("4: good").check()
    page.get_by_role("button", name="Send the evaluation").click()
    expect(page.get_by_text("Thank you for evaluating")).to_be_visible()

    page.goto(f"/learning/bookings/{offered.pk}/offer/")
    accessible(page)
    page.goto(f"/learning/bookings/{upcoming.pk}/cancel/")
    accessible(page)
    page.get_by_role("button", name="Cancel the booking").click()
    expect(page.get_by_text("Cancelled:")).to_be_visible()


def test_a_director_marks_attendance_and_reads_the_evaluations(
    page, log_in, accessible, director, school_a
):
    past = EventFactory(title="Future Headteachers", sessions=[-7])
    booking = BookingFactory(event=past, school=school_a, delegate_name="Amy Rahman")
    attendance_record(event=past, attended_ids={booking.pk}, by=director)
    evaluation_submit(booking=booking, rating=5, comments="Inspiring.")

    log_in(director)
    accessible(page)  # the home page, with its professional learning panel
    page.get_by_role("link", name="Attendance and evaluations").click()
    expect(page.get_by_role("cell", name="5.0 out of 5")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Mark attendance at Future Headteachers").click()
    accessible(page)
    expect(page.get_by_label("Amy Rahman, Bonner Primary School")).to_be_checked()
    page.goto(f"/learning/{past.pk}/")
    accessible(page)
    page.get_by_role("link", name="Evaluation results").click()
    accessible(page)
    expect(page.get_by_text("Inspiring.")).to_be_visible()
