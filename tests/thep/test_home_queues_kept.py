"""A head's, an LC's, a director's and a teacher's queues, and a school page's visits, are kept
for a few minutes between their visits to the page, and any change to what they show is on the
page at the next visit."""

import datetime

from django.utils import timezone

from improvement import services as improvement_services
from improvement.models import ActionStatus, InterventionAction, InterventionGroup, ReportStatus
from learning import services as learning_services
from learning.models import Status
from membership.selectors import EXTRA_LC_VISIT
from membership.services import purchase_record
from ofsted.models import WindowOverride
from tests.improvement.factories import ReportFactory, VisitFactory
from tests.learning.factories import BookingFactory, EventFactory
from tests.membership.factories import PriceFactory, ProductFactory
from thep import years

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def queues(client) -> dict:
    response = client.get("/")
    assert response.status_code == 200
    return {queue.key: queue for queue in response.context["queues"]}


def test_the_heads_report_queues_change_at_once(
    client_for, django_assert_max_num_queries, head_a, lc_a, school_a
):
    report = ReportFactory(
        visit__school=school_a, visit__consultant=lc_a, visit__date=TODAY - 3 * DAY,
        status=ReportStatus.DRAFT,
    )  # fmt: skip
    head = client_for(head_a)
    assert queues(head)["agree"].count == 0
    with django_assert_max_num_queries(12):  # kept: the queues' own queries are not asked again
        assert queues(head)["agree"].count == 0

    improvement_services.report_share(report=report, by=lc_a)
    assert [item.url for item in queues(head)["agree"].items] == [
        f"/improvement/reports/{report.pk}/"
    ]

    asked = improvement_services.report_ask_changes(report=report, by=head_a, text="Governors?")
    assert queues(head)["agree"].count == 0  # with the LC now
    improvement_services.report_answer(report=report, by=lc_a, entry_id=asked.pk, text="Added.")
    assert queues(head)["answers"].count == 1

    VisitFactory(school=school_a, consultant=lc_a, date=TODAY + 4 * DAY, focus="Reading")
    assert "Reading" in queues(head)["visits"].items[0].note


def test_the_lcs_visits_to_arrange_change_at_once(client_for, lc_a, school_a):
    lc = client_for(lc_a)
    assert [item.text for item in queues(lc)["arrange"].items] == [
        f"{school_a.name}: 3 of 3 to arrange"
    ]

    VisitFactory(school=school_a, consultant=lc_a, date=TODAY + 6 * DAY)
    assert queues(lc)["arrange"].items[0].text == f"{school_a.name}: 2 of 3 to arrange"

    year = years.year_of(TODAY)
    price = PriceFactory(product=ProductFactory(code=EXTRA_LC_VISIT), year=year)
    purchase_record(school=school_a, year=year, product=price.product, quantity=2)
    assert queues(lc)["arrange"].items[0].text == f"{school_a.name}: 4 of 5 to arrange"


def test_an_action_given_to_the_head_shows_when_they_join_its_group(
    client_for, director, head_a, school_a
):
    group = InterventionGroup.objects.create(school=school_a, started_on=TODAY, chair=director)
    InterventionAction.objects.create(
        group=group, action="Attendance plan", owner=head_a, due_on=TODAY + 9 * DAY,
        status=ActionStatus.OPEN,
    )  # fmt: skip
    head = client_for(head_a)
    assert "actions" not in queues(head)  # not a member: not theirs to see yet

    group.members.add(head_a)

    assert queues(head)["actions"].items[0].text == f"{school_a.name}: Attendance plan"


def test_a_teachers_request_and_attendance_show_at_once(
    client_for, head_a, staff_a, school_a, director
):
    learning_services.school_policy_set(school=school_a, by=head_a, need_approval=True)
    event = EventFactory(sessions=[10])
    head = client_for(head_a)
    assert queues(head)["approve"].count == 0

    booking = learning_services.booking_create(
        event=event, school=school_a, delegate_email=staff_a.email,
        delegate_name=staff_a.get_full_name(), by=staff_a,
    )  # fmt: skip
    assert booking.status == Status.REQUESTED
    assert [item.text for item in queues(head)["approve"].items] == [
        f"{staff_a.get_full_name()}: {event.title}"
    ]

    done = BookingFactory(
        event=EventFactory(sessions=[-2]), school=school_a, delegate=staff_a,
        delegate_email=staff_a.email, status=Status.CONFIRMED,
    )  # fmt: skip
    teacher = client_for(staff_a)
    assert queues(teacher)["evaluate"].count == 0  # not marked as there yet

    # Attendance is written in bulk, with no signal of each row.
    learning_services.attendance_record(event=done.event, attended_ids={done.pk}, by=director)

    assert [item.url for item in queues(teacher)["evaluate"].items] == [
        f"/learning/bookings/{done.pk}/evaluation/"
    ]


def test_the_school_pages_visits_change_at_once(client_for, lc_a, school_a):
    lc = client_for(lc_a)
    page = school_a.get_absolute_url()
    assert "Phonics" not in lc.get(page).content.decode()

    visit = VisitFactory(school=school_a, consultant=lc_a, date=TODAY + 3 * DAY, focus="Phonics")
    assert "Phonics" in lc.get(page).content.decode()

    visit.focus = "Phonics and early reading"
    visit.save()
    assert "Phonics and early reading" in lc.get(page).content.decode()


def test_a_directors_ofsted_windows_change_at_once_though_standings_are_written_in_bulk(
    client_for, director, school_a
):
    directors = client_for(director)
    assert school_a.name not in [item.text for item in queues(directors)["windows"].items]

    WindowOverride.objects.create(
        school=school_a, due_by=TODAY + 20 * DAY, note="The inspectorate wrote", set_by=director
    )

    assert [item.text for item in queues(directors)["windows"].items] == [school_a.name]
