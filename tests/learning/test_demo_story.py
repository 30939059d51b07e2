"""The demo tells THE Partnership's story: its 2017-18 programme is seed 000's (the KPI
learning table reproduces the annual report's participation), and a Bonner teacher's request
waits for her head, whose school asks for approval."""

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from learning.models import Booking, Event, SchoolPolicy, Status
from reports.kpis import kpi_figures
from thep import years
from thep.models import User

# Seed 000, "Membership Participation & Engagement", 2017-18: (delegates, schools); where the
# seed gives one of the two, the other is the demo's (learning/demo.py says which).
SEED_000 = {
    "Primary Curriculum Conference": (70, 35),  # 70 delegates
    "Secondary Curriculum Conference": (16, 8),  # 8 schools
    "New Headteacher Induction": (6, 6),  # 6 headteachers
    "Middle Leader Programme": (18, 3),  # 18 delegates (3 schools)
    "Future Headteachers Programme": (30, 30),  # 30 delegates
    "Heads Up": (6, 6),  # 6 schools
    "Leadership Forum": (40, 40),  # 40 schools
    "Chair of Governors Forum": (19, 19),  # 19 schools
}


def test_the_kpi_learning_table_of_2017_18_reproduces_seed_000(demo_db):
    in_2017 = Event.objects.filter(starts_on__range=(years.first_day(2017), years.last_day(2017)))
    events = in_2017.annotate(
        delegates=Count("bookings"), schools=Count("bookings__school", distinct=True)
    )
    assert {event.title: (event.delegates, event.schools) for event in events} == SEED_000
    director = User.objects.get(email="director@example.org")
    table = {
        row["kind"]: (row["events"], row["delegates"], row["schools"])
        for row in kpi_figures(user=director, year=2017)["learning"]["by_kind"]
    }
    assert table == {
        "Programme": (4, 6 + 18 + 30 + 6, 6 + 3 + 30 + 6),
        "Course": (0, 0, 0),
        "Conference": (2, 70 + 16, 35 + 8),
        "Network": (2, 40 + 19, 40 + 19),
        "Spotlight or briefing": (0, 0, 0),
    }
    assert all(event.places_taken == event.delegates for event in events)


def test_a_bonner_teacher_waits_for_her_heads_approval(demo_db):
    teacher = User.objects.get(email="teacher@example.org")
    assert teacher.check_password(settings.THEP_DEMO_PASSWORD)
    bonner = teacher.affiliations.get().school
    assert bonner.name == "Bonner Primary School" and not teacher.affiliations.get().is_cpd_lead
    assert SchoolPolicy.objects.get(school=bonner).staff_bookings_need_approval
    request = Booking.objects.get(delegate=teacher, status=Status.REQUESTED)
    assert request.booked_by == teacher
    assert (request.event.ends_on or years.first_day(2000)) >= timezone.localdate()  # to come
    assert Booking.objects.filter(delegate=teacher, attended=True).exists()
