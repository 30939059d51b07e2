"""Ofsted inspection support: recording Ofsted's call, assigning the support, its notes, the
link to the inspection Ofsted publishes, and the figures the KPI and LA reports count."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string

from commission.models import InspectionCall, SupportNote
from improvement.models import director_for
from membership.models import School
from membership.selectors import schools_for
from ofsted.models import Inspection
from thep import years
from thep.mail import mail_queue
from thep.models import DirectorKind, Role, User

# A school may tell us late (a head busy with the inspectors on day one), but not weeks late:
# a start more than a week gone is a slip. Ofsted calls days before it comes, never months.
LATE_DAYS = 7
AHEAD_DAYS = 92
NOTE_LENGTH = 4000


def _require_dates(
    *, called_on: datetime.date, starts_on: datetime.date, today: datetime.date
) -> None:
    if called_on > today:
        raise ValidationError(
            {"called_on": "The date of the call cannot be later than today: Ofsted has called."}
        )
    if starts_on < today - datetime.timedelta(days=LATE_DAYS):
        raise ValidationError(
            {"starts_on": f"That start date is more than {LATE_DAYS} days ago. Please check "
                          "it, or ring the THE Partnership office."}
        )  # fmt: skip
    if starts_on > today + datetime.timedelta(days=AHEAD_DAYS):
        raise ValidationError(
            {"starts_on": "Ofsted gives a few days' notice, so a start more than three months "
                          "ahead must be a slip. Please check the date."}
        )  # fmt: skip
    if called_on > starts_on:
        raise ValidationError(
            {"called_on": "Ofsted calls before the inspection starts: the date of the call "
                          "should be on or before its first day."}
        )  # fmt: skip


def inspection_call_record(
    *,
    school: School,
    by: User,
    called_on: datetime.date,
    starts_on: datetime.date,
    inspection_type: str,
    today: datetime.date,
) -> InspectionCall:
    """Record Ofsted's call to a school (its head, or the office taking it on the phone), and
    email the school's LC and the phase director once it is committed. A second open call for
    the same inspection is refused and the first kept."""
    _require_dates(called_on=called_on, starts_on=starts_on, today=today)
    with transaction.atomic(durable=True):
        # One recording at a time per school: two people pressing at once cannot both add one.
        School.objects.select_for_update().only("pk").get(pk=school.pk)
        probe = InspectionCall(school=school, starts_on=starts_on)
        first = InspectionCall.objects.filter(
            school=school, inspection__isnull=True, starts_on__range=probe.link_window()
        ).first()
        if first is not None:
            raise ValidationError(
                f"THE Partnership already knows of this inspection: it was recorded on "
                f"{first.recorded_at:%-d %B %Y}, starting on {first.starts_on:%-d %B %Y}. "
                "Nothing new was recorded."
            )
        call = InspectionCall.objects.create(
            school=school,
            called_on=called_on,
            starts_on=starts_on,
            inspection_type=inspection_type,
            recorded_by=by,
        )
        _link(InspectionCall.objects.filter(pk=call.pk))
        _tell(call)
    return call


def _lcs_of(school: School, on: datetime.date) -> list[User]:
    """The school's LC for the year of the day (the one allocated on that day if it changed)."""
    allocations = (
        school.allocations.filter(year=years.year_of(on), starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("consultant")
    )
    return [a.consultant for a in allocations if a.consultant.is_active]


def _phase_directors(school: School) -> list[User]:
    """The Director of Primary or Secondary for the school's phase (THEP's one grouping), or
    the Executive Director while there is none."""
    for kind in (director_for(school.phase), DirectorKind.EXECUTIVE):
        found = list(User.objects.filter(role=Role.DIRECTOR, director_kind=kind, is_active=True))
        if found:
            return found
    return []


def _tell(call: InspectionCall) -> None:
    """Email at once, through the one email path (queued in the caller's transaction)."""
    told = [*_lcs_of(call.school, call.called_on), *_phase_directors(call.school)]
    if not told:
        return
    mail_queue(
        kind="commission.inspection_call",
        to=[person.email for person in told],
        subject=f"Ofsted has called {call.school.name}: inspection from {call.starts_on:%-d %B %Y}",
        body=render_to_string(
            "commission/email/inspection_call.txt",
            {"call": call, "site_url": settings.SITE_URL.rstrip("/")},
        ),
    )


def supporters() -> QuerySet[User]:
    """Who may meet the lead inspector or attend the feedback: LCs and directors."""
    return (
        User.objects.filter(role__in=[Role.CONSULTANT, Role.DIRECTOR], is_active=True)
        .only("first_name", "last_name", "email", "role", "director_kind")
        .order_by("last_name", "first_name", "email")
    )


def inspection_call_assign(
    *, call: InspectionCall, by: User, meets_lead_inspector: User, attends_feedback: User
) -> InspectionCall:
    """A director says who meets the lead inspector and who attends the feedback."""
    if not by.is_director:
        raise ValidationError("Only a director assigns the support to an inspection.")
    for person in (meets_lead_inspector, attends_feedback):
        if not supporters().filter(pk=person.pk).exists():
            raise ValidationError(
                f"{person} is not a Leadership Consultant or a director, so cannot support an "
                "inspection for THE Partnership."
            )
    with transaction.atomic():
        call = InspectionCall.objects.select_for_update().get(pk=call.pk)
        call.meets_lead_inspector = meets_lead_inspector
        call.attends_feedback = attends_feedback
        call.assigned_by = by
        call.save(update_fields=["meets_lead_inspector", "attends_feedback", "assigned_by"])
    return call


def support_note_add(*, call: InspectionCall, by: User, text: str) -> SupportNote:
    """A director or the school's LC notes the support given (the caller has checked they may
    see the call)."""
    if not (by.is_director or by.is_consultant):
        raise ValidationError("Notes of the support are written by directors and LCs.")
    text = text.strip()
    if not text:
        raise ValidationError("Write the note before saving it.")
    if len(text) > NOTE_LENGTH:
        raise ValidationError(f"A note is at most {NOTE_LENGTH} characters; this one is longer.")
    return SupportNote.objects.create(call=call, author=by, text=text)


def _link(calls: QuerySet[InspectionCall]) -> int:
    """Link open calls to the inspection Ofsted published for them. Returns how many."""
    with transaction.atomic():
        return sum(map(_link_one, calls.filter(inspection__isnull=True).select_for_update()))


def _link_one(call: InspectionCall) -> bool:
    """The same school, a start within the window of the date the school gave, not already
    linked to another call: the nearest such, of the same type first."""
    found = min(
        Inspection.objects.filter(
            school_id=call.school_id,
            start_date__range=call.link_window(),
            support_call__isnull=True,
        ),
        key=lambda i: (
            i.inspection_type != call.inspection_type,
            abs((i.on - call.starts_on).days),
            i.pk,
        ),
        default=None,
    )
    if found is None:
        return False
    call.inspection = found
    call.save(update_fields=["inspection"])
    return True


def inspection_calls_link(*, school_ids: Iterable[int]) -> int:
    """Link the open calls of schools whose inspections changed (an import, the office)."""
    return _link(InspectionCall.objects.filter(school_id__in=list(school_ids)))


def on_schools_changed(sender, school_ids: set[int], **kwargs) -> None:
    # The MI import writes in bulk, which sends no post_save; it reports the schools whose
    # inspections changed through membership.standings, as every writer of inspections does.
    inspection_calls_link(school_ids=school_ids)


# Reads: who may see which calls is decided here, once.


def calls_for(*, user: User) -> QuerySet[InspectionCall]:
    """Directors see every call; a head their schools'; an LC the schools allocated to them.
    Nobody else (the LA officer, the office, staff, coaches) sees any."""
    calls = InspectionCall.objects.select_related(
        "school", "recorded_by", "meets_lead_inspector", "attends_feedback", "inspection"
    )
    if not user.is_authenticated or not user.is_active:
        return calls.none()
    if user.is_director:
        return calls
    if user.is_head or user.is_consultant:
        return calls.filter(school__in=schools_for(user=user).values("pk"))
    return calls.none()


def open_calls(*, user: User) -> QuerySet[InspectionCall]:
    return calls_for(user=user).filter(inspection__isnull=True)


def _in_year(year: int) -> QuerySet[InspectionCall]:
    return InspectionCall.objects.filter(
        starts_on__range=(years.first_day(year), years.last_day(year))
    )


def _supported() -> Q:
    return Q(meets_lead_inspector__isnull=False, attends_feedback__isnull=False)


def inspections_supported(*, year: int) -> int:
    """Inspections starting in the year with THEP's support assigned (a colleague to meet the
    lead inspector and one at the feedback): the KPI report's figure. A count, never notes."""
    return _in_year(year).filter(_supported()).count()


def inspection_support_lines(*, year: int) -> list[tuple[str, int, int | None]]:
    """The LA's view of the year's inspection support: (label, done, of). Counts only, in one
    query."""
    counts = _in_year(year).aggregate(
        told=Count("pk"),
        supported=Count("pk", filter=_supported()),
        published=Count("pk", filter=_supported() & Q(inspection__isnull=False)),
    )
    told = counts["told"]
    return [
        ("Ofsted inspections schools told THE Partnership of", told, None),
        ("Inspections supported (lead inspector met, feedback attended)",
         counts["supported"], told),
        ("Supported inspections Ofsted has since published", counts["published"], told),
    ]  # fmt: skip
