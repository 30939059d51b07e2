"""Every role's home page asks the database a fixed number of times however long its queues
grow: measured once every queue is longer than it lists (a long queue is counted, a second
query), then with more than twice as many of everything."""

import datetime

from django.utils import timezone

from improvement.models import (
    InterventionAction,
    InterventionGroup,
    ReportComment,
    ReportStatus,
    ReviewItem,
    ReviewMeeting,
)
from tests.factories import AllocationFactory, SchoolFactory
from tests.improvement.factories import ReportFactory, VisitFactory
from tests.learning.factories import BookingFactory, EventFactory
from tests.membership.invoicing import draft_for, issued_for
from tests.ofsted.factories import InspectionFactory
from thep.models import ImportJob
from thep.panels import QUEUE_LENGTH

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)

# The home page's budget for each person of the cast.
# Queues of rows are counted in the query that lists them; the LC's four report queues, a
# person's two kinds of action, and a school person's bookings to come are one query each.
BUDGETS = {
    # with executive coaching (five flat queries, cheaper to build than one of seven
    # subqueries: coaching.selectors.coaching_of_schools) and "Ofsted called" (one)
    "head_a": 18,
    "staff_a": 7,
    "lc_a": 8,  # with inspections to support (one query)
    "director": 9,  # with the Ofsted inspections to assign support to (one query)
    "primary_director": 9,
    "la_officer": 7,
    "office_admin": 5,
}


def grow(n: int, cast: dict) -> None:
    """n more of every item some queue of the cast lists."""
    school_a, lc_a, head_a = cast["school_a"], cast["lc_a"], cast["head_a"]
    staff_a, director, la_officer = cast["staff_a"], cast["director"], cast["la_officer"]
    meeting = ReviewMeeting.objects.create(held_on=TODAY + 7 * DAY)
    for k in range(n):
        school = SchoolFactory()
        AllocationFactory(school=school, consultant=lc_a)
        visited = {"visit__school": school, "visit__consultant": lc_a}
        ReportFactory(**visited, visit__date=TODAY - 30 * DAY, status=ReportStatus.SHARED)
        ReportFactory(**visited, visit__date=TODAY - 2 * DAY)
        ReportFactory(
            visit__school=school_a, visit__consultant=lc_a, status=ReportStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )  # fmt: skip
        asked = ReportFactory(
            visit__school=school_a, visit__consultant=lc_a, visit__date=TODAY - 40 * DAY - k * DAY,
            status=ReportStatus.SHARED,
        )  # fmt: skip
        comment = ReportComment.objects.create(report=asked, author=head_a, text="Change")
        ReportComment.objects.create(
            report=asked, author=lc_a, kind="answer", answer_to=comment, text="Done"
        )
        ReportComment.objects.create(
            report=ReportFactory(**visited, status=ReportStatus.CHANGES), author=head_a, text="?"
        )
        VisitFactory(school=school_a, consultant=lc_a, date=TODAY + (k + 1) * DAY)
        group = InterventionGroup.objects.create(
            school=school, chair=director, started_on=TODAY - 60 * DAY
        )
        group.members.add(la_officer)
        InterventionAction.objects.create(
            group=group, action="Phonics", owner=la_officer, due_on=TODAY - DAY
        )
        ReviewItem.objects.create(
            meeting=meeting, school=school, discussion="Roll", actions="Visit",
            owner=la_officer, due_on=TODAY - DAY,
        )  # fmt: skip
        InspectionFactory(school=school)
        ImportJob.objects.create(kind="gias", file="imports/x.csv", file_name=f"file{k}.csv")
        draft_for(school, year=2018)
        issued_for(school, on=TODAY - 60 * DAY)
        booked = {"school": school_a, "delegate": staff_a, "delegate_email": staff_a.email}
        BookingFactory(**booked)
        BookingFactory(event=EventFactory(sessions=[-5]), attended=True, **booked)
        BookingFactory(
            event=EventFactory(sessions=[-5], booking_deadline=TODAY - 10 * DAY), school=school
        )


def counts(client_for, django_assert_max_num_queries, cast: dict) -> dict[str, tuple[int, int]]:
    found = {}
    for who, budget in BUDGETS.items():
        client = client_for(cast[who])
        client.get("/")  # the first page after login also writes the session
        with django_assert_max_num_queries(budget, info=who) as captured:
            response = client.get("/")
        assert response.status_code == 200
        waiting = sum(queue.count for queue in response.context["queues"])
        found[who] = (len(captured.captured_queries), waiting)
    return found


def test_each_roles_home_page_keeps_its_budget_as_its_queues_grow(
    client_for, django_assert_max_num_queries, school_a, head_a, staff_a, lc_a, director,
    primary_director, la_officer, office_admin,
):  # fmt: skip
    cast = dict(locals())
    issued_for(school_a, on=TODAY - 60 * DAY)
    grow(QUEUE_LENGTH + 1, cast)
    small = counts(client_for, django_assert_max_num_queries, cast)
    grow(12, cast)
    large = counts(client_for, django_assert_max_num_queries, cast)
    assert {who: small[who][0] for who in BUDGETS} == {who: large[who][0] for who in BUDGETS}
    grew = [who for who in BUDGETS if large[who][1] > small[who][1]]
    assert grew == list(BUDGETS), "every home page counts more with more waiting"
