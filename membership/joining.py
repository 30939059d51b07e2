"""Joining: the head of a school that is not a member asks, on the portal, for it to join,
accepting the commitments of joining (seed 002); the office approves it in the admin, and the
membership starts on the day it chooses, its fee charged pro rata by whole months
(membership.fees), or declines it with a reason. Associate organisations and people, who have
no portal accounts, are recorded by the office as members with their joining."""

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from membership import fees
from membership.access import heads_schools, school_for
from membership.models import (
    FeeRate,
    Joining,
    JoinRequest,
    JoinRequestStatus,
    Member,
    Membership,
    PupilCount,
    School,
)
from membership.selectors import is_member
from thep import years
from thep.access import AuthedRequest, sees
from thep.models import User

COMMITMENTS = {
    "accepts_aims_and_values": "Our school commits to support the aims and values of THE "
    "Partnership.",
    "accepts_guarantee": "Our school commits to pay up to £25.00 if THE Partnership is wound up "
    "owing debts.",
    "accepts_fee": "Our school commits to pay the annual membership fee, per pupil, in advance; "
    "a part year is charged by whole months, and leaving needs a year's notice.",
}


class JoinForm(forms.Form):
    accepts_aims_and_values = forms.BooleanField(label=COMMITMENTS["accepts_aims_and_values"])
    accepts_guarantee = forms.BooleanField(label=COMMITMENTS["accepts_guarantee"])
    accepts_fee = forms.BooleanField(label=COMMITMENTS["accepts_fee"])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = (
                "Tick this to accept it: every commitment is needed to join."
            )


@transaction.atomic
def join_request_create(*, school: School, by: User) -> JoinRequest:
    """A head asks for their school to join, the commitments accepted (the form saw to it)."""
    if is_member(school=school, on=timezone.localdate()):
        raise ValidationError(f"{school} is a member of THE Partnership already.")
    try:
        with transaction.atomic():
            return JoinRequest.objects.create(
                school=school,
                accepts_aims_and_values=True,
                accepts_guarantee=True,
                accepts_fee=True,
                asked_by=by,
                asked_by_name=by.get_full_name() or by.email,
                asked_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(
            f"{school} has already asked to join; the THEP office will be in touch."
        ) from None


@dataclass(frozen=True)
class FirstFee:
    """What the first year's fee will be, as far as the office knows yet."""

    months: int
    pupils: int | None
    amount: object  # Decimal, or None with `missing` saying why
    missing: str


def first_fee(*, school: School, starts_on: datetime.date) -> FirstFee:
    """The pro rata fee of a membership starting on a day: whole months to 31 August."""
    year = years.year_of(starts_on)
    rate = FeeRate.objects.filter(year=year).first()
    count = PupilCount.objects.filter(school=school, year=year).first()
    pupils = count.pupils if count else None
    charged_from = rate.charged_from if rate else years.first_day(year)
    months = fees.months_charged(
        year=year, starts_on=starts_on, ends_on=years.last_day(year), charged_from=charged_from
    )
    if rate is None:
        return FirstFee(months, pupils, None, f"there is no fee rate for {years.label(year)} yet")
    if pupils is None:
        return FirstFee(
            months, None, None, f"no pupils on roll are recorded for {years.label(year)} yet"
        )
    amount = fees.fee(pupils=pupils, per_pupil=rate.per_pupil, months=months)
    return FirstFee(months, pupils, amount, "")


@transaction.atomic
def join_request_approve(
    *, join_request: JoinRequest, starts_on: datetime.date, by: User
) -> Membership:
    """The school joins: its commitments recorded as a Joining, and a membership from
    `starts_on` to the end of that year (the fee is then charged for the months it covers)."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequestStatus.WAITING:
        raise ValidationError(
            f"This request was {join_request.get_status_display().lower()} already."
        )
    school = join_request.school
    if starts_on < timezone.localdate() - datetime.timedelta(days=31):
        raise ValidationError("A membership cannot start more than a month ago.")
    if starts_on > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError("A membership cannot start more than a year ahead.")
    member, _ = Member.objects.get_or_create(school=school)
    Member.objects.select_for_update().get(pk=member.pk)
    year = years.year_of(starts_on)
    if member.memberships.filter(year=year).exists():
        raise ValidationError(f"{school} already has a membership for {years.label(year)}.")
    joining = Joining.objects.create(
        member=member,
        joined_on=starts_on,
        category=join_request.category,
        accepts_aims_and_values=True,
        accepts_guarantee=True,
        accepted_by_name=join_request.asked_by_name,
        accepted_by=join_request.asked_by,
        accepted_at=join_request.asked_at,
    )
    membership = Membership.objects.create(
        member=member,
        year=year,
        category=join_request.category,
        starts_on=starts_on,
        ends_on=years.last_day(year),
    )
    join_request.status = JoinRequestStatus.APPROVED
    join_request.joining = joining
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "joining", "decided_by", "decided_at"])
    return membership


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, reason: str, by: User) -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequestStatus.WAITING:
        raise ValidationError(
            f"This request was {join_request.get_status_display().lower()} already."
        )
    if not reason.strip():
        raise ValidationError("Say why, for the head: the reason is kept with the request.")
    join_request.status = JoinRequestStatus.DECLINED
    join_request.decline_reason = reason.strip()[:300]
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    return join_request


@sees(heads_schools)
def join_page(request: AuthedRequest, urn: int) -> HttpResponse:
    """The head's page to ask for their school to join; their own school's only."""
    school = school_for(user=request.user, urn=urn)
    waiting = JoinRequest.objects.filter(school=school, status=JoinRequestStatus.WAITING).first()
    member = is_member(school=school, on=timezone.localdate())
    form = JoinForm(request.POST or None)
    if request.method == "POST" and not waiting and not member and form.is_valid():
        try:
            join_request_create(school=school, by=request.user)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                f"Thank you: {school} has asked to join. The THEP office will confirm the date "
                "membership starts.",
            )
            return redirect("membership:join", urn=school.urn)
    elif request.method not in ("GET", "POST"):
        raise Http404
    return render(
        request,
        "membership/join.html",
        {"school": school, "form": form, "waiting": waiting, "member": member},
    )
