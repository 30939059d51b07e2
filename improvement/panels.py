import datetime

from django.db.models import Exists, OuterRef, QuerySet, Value
from django.urls import reverse
from django.utils import timezone

from improvement.access import invites_heads, sees_report_openings, sees_visits
from improvement.models import (
    ActionStatus,
    InterventionAction,
    Report,
    ReportStatus,
    ReviewItem,
)
from improvement.selectors import (
    PANELS,
    PANELS_SECONDS,
    allocation_now,
    answers_to,
    diagnostics_missing,
    director_schools,
    heads_of,
    intervention_actions_for,
    intervention_reviews_due,
    next_review_meeting,
    overdue_reports,
    report_openings_for,
    reports_for,
    reports_overdue_with_the_head,
    reports_owing_answers,
    reports_to_agree,
    reports_to_finalise,
    reports_to_submit,
    reports_to_write,
    review_actions_for,
    schools_without_visit,
    visit_entitlement,
    visits_coming,
    visits_for,
    visits_to_arrange,
)
from membership.models import School
from ofsted.selectors import windows_due
from thep import panels, shared, years
from thep.access import AuthedRequest
from thep.links import link_to
from thep.models import User
from thep.panels import Item, queue

# How far ahead a home page looks for what falls due.
AHEAD = datetime.timedelta(days=14)
# Answers to a head's comments stay on their home page for four weeks.
ANSWERS_SHOWN = datetime.timedelta(days=28)


# What a queue of reports shows of each (`_report_text`, its note and link), not every column of
# the report, its visit, school and LC: reading those cost most of a home page's time.
REPORT_SHOWN = (
    "status",
    "due_by",
    "submitted_at",
    "visit__date",
    "visit__school__name",
    "visit__school__urn",
    "visit__consultant__first_name",
    "visit__consultant__last_name",
)


def _shown(reports: QuerySet[Report]) -> QuerySet[Report]:
    return reports.only(*REPORT_SHOWN)


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _report_text(report: Report) -> str:
    return f"{report.visit.school.name}: visit of {_day(report.visit.date)}"


def home_panels(request: AuthedRequest) -> list[panels.Panel]:
    """Each person's queues of the LC programme: what waits for them, most urgent first."""
    user, today = request.user, timezone.localdate()
    if user.is_head or user.is_consultant or user.is_director:
        return shared.remembered(
            PANELS, f"{user.pk}:{today}", lambda: _queues(user, today), PANELS_SECONDS
        )
    return _queues(user, today)


def _queues(user: User, today: datetime.date) -> list[panels.Panel]:
    found = _actions_owned(user, today)
    if user.is_head:
        found += _head_queues(user, today)
    elif user.is_consultant:
        found += _lc_queues(user, today)
    elif user.is_director:
        found += _director_queues(user, today)
    elif user.is_la_officer:
        found += _la_queues(user, today)
    return found


def _head_queues(user: User, today: datetime.date) -> list[panels.Panel]:
    report_page = link_to("improvement:report")
    visits_page = reverse("improvement:visits")
    since = timezone.now() - ANSWERS_SHOWN
    return [
        queue(
            key="agree",
            title="Reports to agree",
            one="report to agree",
            rows=_shown(reports_to_agree(user=user)),
            item=lambda report: Item(
                _report_text(report),
                report_page(report.pk),
                note=f"agree by {_day(report.due_by)}",
                late=report.due_by < today,
            ),
        ),
        queue(
            key="answers",
            title="Your comments answered",
            one="comment of yours answered",
            many="comments of yours answered",
            rows=answers_to(user=user, since=since),
            item=lambda answer: Item(
                _report_text(answer.report),
                report_page(answer.report_id),
                note=f"answered {answer.at:%-d %b}",
            ),
        ),
        queue(
            key="visits",
            title="Next visits",
            one="visit coming",
            many="visits coming",
            rows=visits_coming(user=user, today=today)
            .select_related(None)
            .select_related("school", "consultant")
            .only(
                "date",
                "start_time",
                "focus",
                "school__name",
                "consultant__first_name",
                "consultant__last_name",
            ),
            item=lambda visit: Item(
                f"{visit.school.name}: {visit.date:%a} {_day(visit.date)}, "
                f"{visit.start_time:%H:%M}",
                visits_page,
                note=f"with {visit.consultant.get_full_name()}, {visit.focus}",
            ),
            more_url=visits_page,
            more_label="All visits",
        ),
    ]


def _lc_queues(user: User, today: datetime.date) -> list[panels.Panel]:
    year = years.year_of(today)
    report_page, edit_page = link_to("improvement:report"), link_to("improvement:report_edit")
    diagnostic_page = link_to("improvement:diagnostic")
    new_visit = reverse("improvement:visit_new")
    _, autumn_ends = years.term_dates(year=year, term="autumn")
    # The four queues of the LC's reports in one query, with what their lines show.
    reports = panels.first_of_each(
        {
            "write": reports_to_write(user=user, today=today),
            "answer": reports_owing_answers(user=user),
            "submit": reports_to_submit(user=user),
            "overdue": reports_overdue_with_the_head(user=user, today=today),
        },
        ("pk", "status", "due_by", "visit__date", "visit__school__name"),
    )

    def text(row: tuple) -> str:
        return f"{row[4]}: visit of {_day(row[3])}"

    return [
        queue(
            key="write",
            title="Reports to write",
            one="report to write",
            rows=reports["write"][0],
            count=reports["write"][1],
            item=lambda row: Item(
                text(row),
                edit_page(row[0]),
                note=f"to agree by {_day(row[2])}",
                late=row[2] < today,
            ),
        ),
        queue(
            key="answer",
            title="Comments to answer",
            one="report with comments to answer",
            many="reports with comments to answer",
            rows=reports["answer"][0],
            count=reports["answer"][1],
            item=lambda row: Item(text(row), report_page(row[0]), late=row[2] < today),
        ),
        queue(
            key="submit",
            title="Agreed by the head, to submit to the director",
            one="agreed report to submit",
            many="agreed reports to submit",
            rows=reports["submit"][0],
            count=reports["submit"][1],
            item=lambda row: Item(text(row), report_page(row[0])),
        ),
        queue(
            key="overdue",
            title="Overdue reports, not yet agreed",
            one="overdue report, not yet agreed",
            rows=reports["overdue"][0],
            count=reports["overdue"][1],
            item=lambda row: Item(
                text(row),
                report_page(row[0]),
                note=f"{ReportStatus(row[1]).label.lower()}, due {_day(row[2])}",
                late=True,
            ),
        ),
        queue(
            key="arrange",
            title="Visits to arrange",
            one="school with visits to arrange",
            many="schools with visits to arrange",
            rows=visits_to_arrange(user=user, year=year),
            item=lambda row: Item(
                f"{row.school.name}: {row.remaining} of {row.total} to arrange",
                new_visit,
                note=f"this year's entitlement, {years.label(year)}",
            ),
            more_url=new_visit,
            more_label="Schedule a visit",
        ),
        queue(
            key="diagnostics",
            title="Diagnostic reviews not done this autumn",
            one="diagnostic review not done this autumn",
            rows=diagnostics_missing(user=user, year=year).order_by("name"),
            item=lambda school: Item(
                school.name,
                diagnostic_page(school.autumn_visit) if school.autumn_visit else new_visit,
                note="record it from the autumn visit"
                if school.autumn_visit
                else "no autumn visit yet",
                late=today > autumn_ends,
            ),
        ),
    ]


def _director_queues(user: User, today: datetime.date) -> list[panels.Panel]:
    report_page, school_page = link_to("improvement:report"), link_to("membership:school")
    ofsted_page, group_page = link_to("ofsted:school"), link_to("improvement:intervention_group")
    meeting_page = link_to("improvement:review_meeting")
    next_term_ends = years.next_term(today).end
    return [
        queue(
            key="finalise",
            title="Reports to finalise",
            one="report to finalise",
            rows=_shown(reports_to_finalise(user=user)),
            item=lambda report: Item(
                _report_text(report),
                report_page(report.pk),
                note=f"submitted {report.submitted_at:%-d %b}" if report.submitted_at else "",
            ),
            more_url=reverse("improvement:visits"),
            more_label="Visits and reports",
        ),
        queue(
            key="overdue",
            title="Overdue reports",
            one="overdue report",
            rows=_shown(overdue_reports(user=user, today=today)),
            item=lambda report: Item(
                _report_text(report),
                school_page(report.visit.school.urn),
                note=f"{report.visit.consultant.get_full_name()}, due {_day(report.due_by)}",
                late=True,
            ),
        ),
        queue(
            key="unvisited",
            title="Schools with no visit this term",
            one="school with no visit this term",
            rows=schools_without_visit(user=user, today=today).only("name", "urn"),
            item=lambda school: Item(school.name, school_page(school.urn)),
        ),
        queue(
            key="windows",
            title="Ofsted windows opening",
            one="Ofsted window opening",
            many="Ofsted windows opening",
            rows=windows_due(
                schools=director_schools(user=user), today=today, until=next_term_ends
            ),
            item=lambda standing: Item(
                standing.school.name,
                ofsted_page(standing.school.urn),
                note=f"next inspection {standing.window.label}",
            ),
            more_url=reverse("ofsted:borough") + "?due=next-term",
            more_label="Inspections due by the end of next term",
        ),
        queue(
            key="review-actions",
            title="Review group actions due",
            one="review group action due",
            rows=review_actions_for(user=user)
            .filter(status=ActionStatus.OPEN, due_on__lte=today + AHEAD)
            .select_related(None)
            .select_related("school", "owner")
            .only(
                "status",
                "due_on",
                "meeting",
                "actions",
                "school__name",
                "owner__first_name",
                "owner__last_name",
            )
            .order_by("due_on", "pk"),
            item=lambda item: Item(
                f"{item.school.name}: {item.actions[:80]}",
                f"{meeting_page(item.meeting_id)}#item-{item.pk}",
                note=f"{_owner(item)}, due {_day(item.due_on)}",
                late=item.due_on < today,
            ),
        ),
        queue(
            key="tig-reviews",
            title="TIG reviews due",
            one="TIG review due",
            many="TIG reviews due",
            rows=intervention_reviews_due(user=user, until=today + AHEAD)
            .select_related(None)
            .select_related("school")
            .only("started_on", "school__name"),
            item=lambda group: Item(
                f"{group.school.name}: review of progress",
                group_page(group.pk),
                note=f"due {_day(group.review_due)}",
                late=group.review_due < today,
            ),
        ),
    ]


def _owner(action: ReviewItem | InterventionAction) -> str:
    return action.owner.get_full_name() if action.owner else "no owner"


def _la_queues(user: User, today: datetime.date) -> list[panels.Panel]:
    meeting = next_review_meeting(user=user, today=today)
    if meeting is None:
        return []
    url = reverse("improvement:review_meeting", args=[meeting.pk])
    when = "Next" if meeting.held_on >= today else "Latest"
    return [
        queue(
            key="meeting",
            title=f"{when} School Review Group meeting, {_day(meeting.held_on)}",
            one=f"school on the {when.lower()} meeting's agenda",
            many=f"schools on the {when.lower()} meeting's agenda",
            rows=meeting.items.select_related("school").order_by("school__name"),
            item=lambda item: Item(
                item.school.name, f"{url}#item-{item.pk}", note=item.discussion[:80]
            ),
            more_url=url,
            more_label="The meeting's papers",
        )
    ]


def _actions_owned(user: User, today: datetime.date) -> list[panels.Panel]:
    """The open review-group and TIG actions this person sees to, the soonest due first."""
    if not user.is_authenticated:
        return []
    # Both kinds of action in one query (a union of the same columns: which kind, its id, when
    # it is due, the school's name, the action and the meeting or group it links to), in the
    # order they fall due; at equal dates review-group actions first, then by id.
    columns = ("kind", "pk", "due_on")
    owned = {"owner": user, "status": ActionStatus.OPEN}
    review = (
        review_actions_for(user=user)
        .filter(**owned)
        .annotate(kind=Value("review"))
        .values_list(*columns, "school__name", "actions", "meeting_id")
    )
    tig = (
        intervention_actions_for(user=user)
        .filter(**owned)
        .annotate(kind=Value("tig"))
        .values_list(*columns, "group__school__name", "action", "group_id")
    )
    listed, count = panels.first_and_count(
        review.union(tig, all=True).order_by("due_on", "kind", "pk")
    )
    if not count:
        return []
    meeting_page = link_to("improvement:review_meeting")
    group_page = link_to("improvement:intervention_group")
    ordered = [
        Item(
            f"{school}: {text[:80]}" if kind == "review" else f"{school}: {text}",
            f"{meeting_page(link)}#item-{pk}"
            if kind == "review"
            else f"{group_page(link)}#action-{pk}",
            note=f"due {_day(due_on)}" if due_on else "",
            late=due_on is not None and due_on < today,
        )
        for kind, pk, due_on, school, text, link in listed
    ]
    return [
        panels.Panel(
            panels.QUEUE_TEMPLATE,
            {
                "queue": panels.Queue(
                    key="actions",
                    title="Your actions",
                    one="open action of yours",
                    many="open actions of yours",
                    count=count,
                    items=ordered,
                )
            },
        )
    ]


def school_panels(request: AuthedRequest, school: School) -> list[panels.Panel]:
    """The school's LC, visit entitlement and this year's visits, for those with visit pages
    (the school page has already checked the person may see the school)."""
    found = _head_panel(request, school)
    if not sees_visits(request.user):
        return found
    user, today = request.user, timezone.localdate()
    panel = shared.remembered(
        PANELS,
        f"school:{user.pk}:{school.pk}:{today}",
        lambda: _school_visits(user, school, today),
        PANELS_SECONDS,
    )
    return [panels.Panel("improvement/includes/school_panel.html", panel), *found]


def _school_visits(user: User, school: School, today: datetime.date) -> dict:
    year = years.year_of(today)
    # The dates, focus and report state the panel lists, not every column of five tables, and
    # whether this person may open each report, in the same query.
    visits = list(
        visits_for(user=user)
        .filter(school=school, year=year)
        .select_related(None)
        .select_related("report")
        .only("date", "focus", "report__status")
        .annotate(openable=Exists(reports_for(user=user).filter(pk=OuterRef("report__pk"))))
    )
    return {
        "school": school,
        "allocation": allocation_now(school=school, on=today),
        "entitlement": visit_entitlement(school=school, year=year, today=today),
        "visits": visits,
        "year_label": years.label(year),
    }


def _head_panel(request: AuthedRequest, school: School) -> list[panels.Panel]:
    """Whether the school's head is on the portal to agree reports, for those who invite
    heads: the office, and the school's LC (the school page shows an LC only their schools)."""
    if not invites_heads(request.user):
        return []
    heads = list(heads_of(school=school))
    # `joined` is the selector's annotation, which the stubs cannot see on a User.
    joined = [head for head in heads if head.joined]  # type: ignore[attr-defined]
    return [
        panels.Panel(
            "improvement/includes/head_panel.html",
            {"school": school, "joined": joined, "heads": heads},
        )
    ]


def audit_panels(request: AuthedRequest) -> list[panels.Panel]:
    """The latest openings of visit reports, for directors, with the way to all of them."""
    if not sees_report_openings(request.user):
        return []
    return [
        panels.Panel(
            "improvement/includes/audit_openings.html",
            {"openings": report_openings_for(user=request.user)[:10]},
        )
    ]
