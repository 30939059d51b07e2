"""A person's CPD record: the courses they booked and attended and their certificates, on a
page and as CSV and PDF, for them, their school's head and CPD leads, and THE Partnership.
`selectors.record_person_for` decides who may open whose."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from learning import selectors
from learning.access import keeps_a_record
from learning.models import Booking, Status
from thep.access import AuthedRequest, sees
from thep.downloads import csv_download, download
from thep.links import link_to
from thep.models import User
from thep.pdf import render_pdf

STYLESHEET = Path(__file__).with_name("record_pdf.css")


@dataclass(frozen=True)
class Line:
    """One course on a record, as the page, the CSV and the PDF give it."""

    title: str
    kind: str
    dates: str
    school: str
    status: str
    attended: str
    certificate: str  # the certificate's path, for attended courses


def _dates(booking: Booking) -> str:
    first, last = booking.event.starts_on, booking.event.ends_on
    if first is None or last is None:
        return ""
    if first == last:
        return f"{first:%-d %b %Y}"
    return f"{first:%-d %b %Y} to {last:%-d %b %Y}"


def record_lines(*, user: User, person: User) -> list[Line]:
    certificate = link_to("learning:certificate")
    bookings = selectors.record_of(user=user, person=person).only(
        "event__title", "event__kind", "event__starts_on", "event__ends_on", "school__name",
        "status", "attended",
    )  # fmt: skip
    lines = []
    for booking in bookings:
        if booking.attended is None:
            attended = "Not marked yet" if booking.status == Status.CONFIRMED else ""
        else:
            attended = "Yes" if booking.attended else "No"
        lines.append(
            Line(
                title=booking.event.title,
                kind=booking.event.get_kind_display(),
                dates=_dates(booking),
                school=booking.school.name,
                status=booking.get_status_display(),
                attended=attended,
                certificate=certificate(booking.pk) if booking.attended else "",
            )
        )
    return lines


def _attended(lines: list[Line]) -> int:
    return sum(line.attended == "Yes" for line in lines)


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path if path else ""


def _filename(person: User, suffix: str) -> str:
    return f"cpd-record-{slugify(str(person)) or person.pk}.{suffix}"


@sees(keeps_a_record)
def own_record(request: AuthedRequest) -> HttpResponse:
    return redirect("learning:record", pk=request.user.pk)


@sees(keeps_a_record)
def staff_records(request: AuthedRequest) -> HttpResponse:
    """The head's and CPD lead's list of their staff, each with a link to their record."""
    schools = list(selectors.schools_managed_by(user=request.user))
    if not schools:
        raise Http404
    people = (
        selectors.record_people_for(user=request.user)
        .filter(affiliations__school__in=schools)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )
    return render(request, "learning/staff_records.html", {"schools": schools, "people": people})


def _record(request: AuthedRequest, pk: int) -> tuple[User, list[Line]]:
    person = selectors.record_person_for(user=request.user, pk=pk)
    return person, record_lines(user=request.user, person=person)


@login_required
def record_page(request: AuthedRequest, pk: int) -> HttpResponse:
    person, lines = _record(request, pk)
    return render(
        request,
        "learning/record.html",
        {
            "person": person,
            "lines": lines,
            "attended": _attended(lines),
            "own": person.pk == request.user.pk,
        },
    )


HEADER = ["Course", "Kind", "Dates", "School", "Status", "Attended", "Certificate"]


@login_required
def record_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    person, lines = _record(request, pk)
    return csv_download(
        filename=_filename(person, "csv"),
        header=HEADER,
        rows=(
            [line.title, line.kind, line.dates, line.school, line.status, line.attended,
             _site(line.certificate)]
            for line in lines
        ),
    )  # fmt: skip


def render_record_pdf(*, person: User, lines: list[Line]) -> bytes:
    """A person's CPD record on A4. Pure: reads what it is given, writes nothing."""
    html = render_to_string(
        "learning/record_pdf.html",
        {
            "person": person,
            "lines": [(line, _site(line.certificate)) for line in lines],
            "attended": _attended(lines),
            "made_on": timezone.localdate(),
        },
    )
    return render_pdf(html, stylesheets=[STYLESHEET])


@login_required
def record_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    person, lines = _record(request, pk)
    return download(
        render_record_pdf(person=person, lines=lines),
        filename=_filename(person, "pdf"),
        content_type="application/pdf",
    )
