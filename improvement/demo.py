"""Demo LC programme for this year: lc@example.org has Bonner and five other primaries, with
visits and reports in every workflow state, Bonner's autumn diagnostic review, good practice
in the directory, a School Review Group meeting and a Targeted Intervention Group. Dates are
counted from 1 September, so a second run (on any day of the same year) changes nothing."""

import datetime

from django.utils import timezone

from improvement.models import (
    Allocation,
    DiagnosticReview,
    GoodPractice,
    InterventionAction,
    InterventionGroup,
    Rating,
    Report,
    ReportComment,
    ReportStatus,
    ReviewItem,
    ReviewMeeting,
    RiskArea,
    RiskRating,
    Step,
    Visit,
    agreement_due,
    director_for,
)
from membership import standings
from membership.models import Phase, School
from ofsted.models import StrategyMeeting
from thep import years
from thep.models import User

LC_SCHOOLS = [
    "Bonner Primary School",
    "Cayley Primary School",
    "Globe Primary School",
    "Mowlem Primary School",
    "Olga Primary School",
    "Harbinger Primary School",
]

TEXT = {
    "summary": "Contracting conversation and review of the school's position at the start of "
    "the year: outcomes, staffing, budget and the priorities in the school development plan.",
    "strengths": "A settled, ambitious senior team; strong early reading; pupils' behaviour "
    "around the school is calm and purposeful.",
    "areas_for_development": "Consistency of feedback in maths in Key Stage 2; attendance of "
    "a small group of persistent absentees.",
    "agreed_actions": "Middle leaders to run a maths book look before half term; the head to "
    "share the attendance action plan at the next visit.",
    "challenge": "How will leaders know that the new maths approach is having an impact by the "
    "spring?",
    "risks": "Budget: falling rolls in Reception. Action: review staffing structure. Support: "
    "finance briefing from THEP.",
}
# (school, days after 1 September, focus, status, good practice theme and text)
VISITS = [
    ("Bonner Primary School", 21, "Diagnostic review", ReportStatus.FINAL,
     ("Early reading", "Daily phonics with same-day catch-up keeps every child on track; "
      "leaders welcome visits from other schools.")),
    ("Cayley Primary School", 28, "Diagnostic review", ReportStatus.SUBMITTED, None),
    ("Globe Primary School", 35, "Diagnostic review", ReportStatus.AGREED, None),
    ("Mowlem Primary School", 42, "Diagnostic review", ReportStatus.DRAFT, None),
    ("Olga Primary School", 56, "Diagnostic review", ReportStatus.SHARED, None),
    ("Harbinger Primary School", 63, "Diagnostic review", ReportStatus.FINAL,
     ("Attendance", "A family liaison officer's morning calls halved persistent absence in a "
      "year.")),
    ("Cayley Primary School", 70, "Attendance", ReportStatus.CHANGES, None),
    ("Bonner Primary School", 80, "Maths in Key Stage 2", ReportStatus.SHARED, None),
    ("Bonner Primary School", 150, "Curriculum leadership", ReportStatus.DRAFT, None),
]  # fmt: skip
ORDER = list(ReportStatus.values)


def _allocations(year: int) -> None:
    lc = User.objects.get(email="lc@example.org")
    lc2 = User.objects.get(email="lc2@example.org")
    allocated = set(
        Allocation.objects.filter(year=year, ends_on=None).values_list("school_id", flat=True)
    )
    Allocation.objects.bulk_create(
        Allocation(
            school=school,
            year=year,
            ends_on=None,
            consultant=lc if school.name in LC_SCHOOLS else lc2,
            starts_on=years.first_day(year),
        )
        for school in School.objects.filter(la_code=211, is_open=True).exclude(phase=Phase.NURSERY)
        if school.pk not in allocated
    )


def _moment(day: datetime.date, days: int) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(16)) + datetime.timedelta(days=days)
    )


def _report(visit: Visit, status: str, good: tuple[str, str] | None, head, director) -> None:
    report, created = Report.objects.get_or_create(
        visit=visit, defaults={**TEXT, "due_by": agreement_due(visit.date)}
    )
    if not created:
        return
    reached = ORDER.index(status)
    report.status = status
    if good:
        report.good_practice_theme, report.good_practice = good
    lc = visit.consultant
    steps: list[tuple[int, User, str, str]] = []  # (days after the visit, who, step, text)
    if reached >= ORDER.index(ReportStatus.SHARED):
        report.shared_at = _moment(visit.date, 3)
        steps.append((3, lc, Step.SHARED, ""))
    if status == ReportStatus.CHANGES and head:
        steps.append(
            (5, head, Step.CHANGES, "Please name the persistent absentees' year groups, and "
             "add the attendance officer's part in the agreed actions.")
        )  # fmt: skip
    if reached >= ORDER.index(ReportStatus.AGREED):
        if head:
            report.agreed_at, report.agreed_by = _moment(visit.date, 9), head
            steps += [
                (5, head, Step.CHANGES, "Please add that governors will hear the attendance "
                 "plan in spring."),
                (6, lc, Step.ANSWER, "Added to the agreed actions."),
                (7, lc, Step.SHARED, ""),
                (9, head, Step.AGREED, ""),
            ]  # fmt: skip
        else:
            # A school whose head is not on the portal: the director recorded their agreement.
            report.agreed_at = _moment(visit.date, 9)
            report.agreed_outside_by = visit.school.head_name or "The headteacher"
            report.agreement_recorded_by = director
            steps.append(
                (9, director, Step.AGREED_OUTSIDE,
                 f"{report.agreed_outside_by} agreed it on {report.agreed_at:%-d %B %Y}, by "
                 "email to the LC")
            )  # fmt: skip
    if reached >= ORDER.index(ReportStatus.SUBMITTED):
        report.submitted_at = _moment(visit.date, 10)
        report.submitted_to = director_for(visit.school.phase)
        steps.append((10, lc, Step.SUBMITTED, ""))
    if reached >= ORDER.index(ReportStatus.FINAL):
        report.finalised_at, report.finalised_by = _moment(visit.date, 12), director
        steps.append((12, director, Step.FINAL, ""))
    report.save()
    asked = None
    for days, person, kind, text in steps:
        entry = ReportComment.objects.create(
            report=report,
            author=person,
            kind=kind,
            text=text,
            answer_to=asked if kind == Step.ANSWER else None,
        )
        ReportComment.objects.filter(pk=entry.pk).update(at=_moment(visit.date, days))
        asked = entry if kind == Step.CHANGES else asked
    if good and status == ReportStatus.FINAL:
        if report.finalised_at is None:
            raise ValueError("A final report has the time it was finalised.")
        GoodPractice.objects.create(
            report=report,
            school=visit.school,
            theme=good[0],
            description=good[1],
            published_on=report.finalised_at.date(),
        )


def _diagnostic(visit: Visit) -> None:
    review, created = DiagnosticReview.objects.get_or_create(
        school=visit.school,
        year=visit.year,
        defaults={
            "visit": visit,
            "priorities": "Maths in Key Stage 2; attendance of persistent absentees; budget "
            "planning for a smaller Reception intake.",
            "later_visits": "Spring: maths book look with middle leaders. Summer: attendance "
            "and the budget for next year.",
        },
    )
    if created:
        amber = {RiskArea.BUDGETS, RiskArea.ATTENDANCE, RiskArea.PLACE_PLANNING}
        RiskRating.objects.bulk_create(
            RiskRating(
                review=review,
                area=area,
                rating=Rating.AMBER if area in amber else Rating.GREEN,
                note="Falling Reception numbers." if area == RiskArea.PLACE_PLANNING else "",
            )
            for area in RiskArea.values
        )
        standings.changed(school_ids=[visit.school_id])  # bulk rows send no signals


def load() -> None:
    year = years.current()
    _allocations(year)
    lc = User.objects.get(email="lc@example.org")
    heads = {
        "Bonner Primary School": User.objects.get(email="head@example.org"),
        "Cayley Primary School": User.objects.get(email="head2@example.org"),
    }
    director = User.objects.get(email="primary.director@example.org")
    schools = {school.name: school for school in School.objects.filter(name__in=LC_SCHOOLS)}
    start = years.first_day(year)
    for name, days, focus, status, good in VISITS:
        school = schools[name]
        visit, _ = Visit.objects.get_or_create(
            school=school,
            date=start + datetime.timedelta(days=days),
            defaults={
                "consultant": lc,
                "year": year,
                "start_time": datetime.time(9, 30),
                "minutes": 150,
                "focus": focus,
            },
        )
        _report(visit, status, good, heads.get(name), director)
        if focus == "Diagnostic review" and name == "Bonner Primary School":
            _diagnostic(visit)
    _review_group(year)
    _intervention_group(year)


def _review_group(year: int) -> None:
    meeting, created = ReviewMeeting.objects.get_or_create(
        held_on=years.first_day(year) + datetime.timedelta(days=55),
        defaults={"other_attendees": "Divisional Director for Education (chair)\n"
                  "LA lead for Safeguarding\nLA lead for School Sufficiency"},
    )  # fmt: skip
    if created:
        meeting.attendees.set(
            User.objects.filter(email__in=["director@example.org", "primary.director@example.org",
                                           "secondary.director@example.org", "la@example.org"])
        )  # fmt: skip
    for name, discussion, actions, owner, days in (
        ("Harbinger Primary School", "Requires improvement at its last inspection.",
         "Targeted Intervention Group to be set up; LA governance support.",
         "primary.director@example.org", 70),
        ("Olga Primary School", "Falling Reception numbers and a budget deficit forecast.",
         "School Sufficiency to share place-planning projections.", "la@example.org", 85),
    ):  # fmt: skip
        ReviewItem.objects.get_or_create(
            meeting=meeting,
            school=School.objects.get(name=name),
            defaults={
                "discussion": discussion,
                "actions": actions,
                "owner": User.objects.get(email=owner),
                "due_on": years.first_day(year) + datetime.timedelta(days=days),
            },
        )


def _intervention_group(year: int) -> None:
    school = School.objects.get(name="Harbinger Primary School")
    chair = User.objects.get(email="primary.director@example.org")
    started_on = years.first_day(year) + datetime.timedelta(days=60)
    group, created = InterventionGroup.objects.get_or_create(
        school=school,
        closed_on=None,
        defaults={
            "chair": chair,
            "started_on": started_on,
            "strategy_meeting": StrategyMeeting.objects.filter(school=school).first(),
            "resourcing": "Two extra LC days a term; half-termly reports to governors.",
        },
    )
    if created:
        group.members.set([chair, User.objects.get(email="lc@example.org")])
        StrategyMeeting.objects.filter(school=school, held_on=None).update(held_on=started_on)
        InterventionAction.objects.create(
            group=group, action="Review of reading across Key Stage 1",
            owner=User.objects.get(email="lc@example.org"),
            due_on=started_on + datetime.timedelta(days=40),
        )  # fmt: skip
