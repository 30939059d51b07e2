import datetime
from dataclasses import replace
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseFormSet, ChoiceField
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone

from learning import selectors, services
from learning.access import leads_events, sees_bookings
from learning.forms import (
    BookingForm,
    CatalogueForm,
    DelegateFormSet,
    EvaluationForm,
    EventPlacesForm,
    SwapForm,
)
from learning.invoicing import term_charges
from learning.models import Booking, Event, Status, Subject
from learning.pdf import render_brochure_pdf, render_certificate_pdf
from learning.selectors import KnownPerson
from thep import shared, years
from thep.access import AuthedRequest, sees
from thep.downloads import download
from thep.links import link_to
from thep.models import User

FIRST_YEAR = 2016  # THE Partnership's first membership year: no brochure comes before it
BROCHURE_CACHE_SECONDS = 5 * 60


def _years_on_offer() -> list[tuple[int, str]]:
    current = years.current()
    return [(year, years.label(year)) for year in range(current + 1, current - 4, -1)]


def _catalogue_cards(events) -> list[dict]:
    """What each card of the catalogue says, worked out here: twenty-five cards' lookups of
    model attributes and methods from the template took most of the page's time."""
    event_page = link_to("learning:event")
    cards = []
    for event in events:
        places = event.places_left
        labels = [event.get_kind_display(), event.get_audience_display(), event.get_phase_display()]
        if event.subject != Subject.OTHER:
            labels.append(event.get_subject_display())
        cards.append(
            {
                "url": event_page(event.pk),
                "title": event.title,
                "labels": " · ".join(labels),
                "summary": event.summary,
                "sessions": [session.when_and_where for session in event.sessions.all()],
                "prices": event.prices,
                "places": f"{places} place{pluralize(places)} left"
                if places > 0
                else "Full: waiting list open",
            }
        )
    return cards


def catalogue(request: HttpRequest) -> HttpResponse:
    """Anyone, signed in or not, may browse what is published."""
    form = CatalogueForm(request.GET or None, years=_years_on_offer())
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CatalogueFilters(
        text=data.get("q", "").strip(),
        kind=data.get("kind", ""),
        audience=data.get("audience", ""),
        phase=data.get("phase", ""),
        subject=data.get("subject", ""),
        term=data.get("term", ""),
        year=data.get("year"),
        max_member_price=data.get("price"),
        places_left=data.get("places_left", False),
    )
    page = Paginator(selectors.catalogue(filters=filters), 25).get_page(request.GET.get("page"))
    filters_on = _catalogue_filters_on(request, form, filters) if not page.paginator.count else []
    year = filters.year or years.current()
    brochures = [
        (key, f"{label} {years.label(year)}") for key, (label, _) in selectors.TERMS.items()
    ]
    return render(
        request,
        "learning/catalogue.html",
        {
            "form": form,
            "page": page,
            "events": _catalogue_cards(page.object_list),
            "brochure_year": year,
            "brochures": brochures,
            "search": filters.text,
            "filters_on": filters_on,
            "filter_labels": ", ".join(f["label"] for f in filters_on if f["name"] != "q"),
            # Role checks only: this page's query budget holds for everyone.
            "sees_all_bookings": request.user.is_authenticated and request.user.runs_partnership,
            "marks_attendance": request.user.is_authenticated
            and (request.user.runs_partnership or request.user.is_consultant),
        },
    )


def brochure(request: HttpRequest, year: int, term: str) -> HttpResponse:
    """Anyone may download a term's brochure, as they may browse the catalogue."""
    if term not in selectors.TERMS or not FIRST_YEAR <= year <= years.current() + 1:
        raise Http404
    # Kept a few minutes: anyone may ask, and a PDF costs a second of a worker to make.
    key = f"learning:brochure:{year}:{term}"
    pdf = cache.get(key)
    if pdf is None:
        events = selectors.brochure(year=year, term=term)
        pdf = render_brochure_pdf(year=year, term_label=selectors.TERMS[term][0], events=events)
        cache.set(key, pdf, BROCHURE_CACHE_SECONDS)
    return download(
        pdf,
        filename=f"thep-professional-learning-{years.label(year)}-{term}.pdf",
        content_type="application/pdf",
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for(user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "learning/event_detail.html",
        {
            "event": event,
            "sessions": event.sessions.all(),
            "may_book": selectors.schools_booking_for(user=user).exists(),
            "booked": _event_booking_rows(event, user=user),
            "marks_attendance": selectors.events_marked_by(user=user).filter(pk=pk).exists(),
            "sees_results": user.is_authenticated and user.is_director,
            "changes_places": user.is_authenticated and user.runs_partnership,
        },
    )


@login_required
def book(request: AuthedRequest, pk: int) -> HttpResponse:
    """An order: one or more delegates of the booker's school, a row each (rows, and people
    the school knows, are added by submit buttons, so no script is needed), reviewed with
    their prices, then confirmed. Nothing is saved until the booker confirms."""
    event = selectors.event_for(user=request.user, pk=pk)
    schools = selectors.schools_booking_for(user=request.user)
    if not schools.exists():
        raise Http404
    known = selectors.people_known_to(user=request.user)
    if request.method != "POST":
        form = BookingForm(schools=schools, known=known)
        return _order_edit(request, event, form, _rows([{}]))
    form = BookingForm(request.POST, schools=schools, known=known)
    action = request.POST.get("action", "review")
    rows = [row.row() for row in DelegateFormSet(request.POST, prefix="delegate").forms]
    if action.startswith("remove-"):
        rows = [row for n, row in enumerate(rows) if f"remove-{n}" != action]
    rows = _merged(rows, form.ticked())
    if action not in ("review", "confirm", "confirm_waiting"):
        # Adding a row or the people ticked, removing one, or back from the review: the rows
        # as they are now, the ticked people among them.
        rows += [{}] if action == "add" or not rows else []
        fresh = BookingForm(initial={"school": request.POST.get("school")}, schools=schools,
                            known=known)  # fmt: skip
        return _order_edit(request, event, fresh, _rows(rows))
    delegates = _bound(rows)
    if not (form.is_valid() and delegates.is_valid()):
        return _order_edit(request, event, form, delegates)
    school = form.cleaned_data["school"]
    order = [row.delegate() for row in delegates.forms]
    if action == "review":
        return _order_review(request, event, form, delegates, school, order)
    try:
        made = services.booking_order_create(
            event=event, school=school, delegates=order, by=request.user,
            waiting_list_ok=action == "confirm_waiting",
        )  # fmt: skip
    except ValidationError as refused:
        return _order_review(request, event, form, delegates, school, order, refused.messages)
    messages.add_message(request, *_order_message(list(made.bookings.all()), event))
    return redirect("learning:event", pk=event.pk)


def _rows(rows: list[dict[str, str]]) -> BaseFormSet:
    return DelegateFormSet(prefix="delegate", initial=rows)


def _bound(rows: list[dict[str, str]]) -> BaseFormSet:
    """The rows as a submitted formset, to validate them."""
    data = {"delegate-TOTAL_FORMS": str(len(rows)), "delegate-INITIAL_FORMS": "0"}
    for n, row in enumerate(rows):
        data |= {f"delegate-{n}-{field}": value for field, value in row.items()}
    return DelegateFormSet(data, prefix="delegate")


def _merged(rows: list[dict[str, str]], people: list[KnownPerson]) -> list[dict[str, str]]:
    """The rows that have anything in them, then the people ticked who are not in a row."""
    rows = [row for row in rows if any(value.strip() for value in row.values())]
    emails = {row.get("email", "").strip().lower() for row in rows}
    return rows + [
        {"name": person.name, "email": person.email}
        for person in people
        if person.email.lower() not in emails
    ]


def _order_edit(
    request: AuthedRequest, event, form: BookingForm, delegates: BaseFormSet,
    refusals: list[str] | None = None,
) -> HttpResponse:  # fmt: skip
    return render(
        request,
        "learning/book.html",
        {"event": event, "form": form, "delegates": delegates, "refusals": refusals or []},
    )


def _order_review(
    request: AuthedRequest, event, form: BookingForm, delegates: BaseFormSet, school,
    order: list[services.Delegate], refusals: list[str] | None = None,
) -> HttpResponse:  # fmt: skip
    """The order with its prices and what each delegate gets, to confirm; if there are too
    few places, it offers the waiting list for the rest."""
    try:
        quote = services.booking_order_quote(
            event=event, school=school, delegates=order, by=request.user, waiting_list_ok=True
        )
    except ValidationError as refused:
        return _order_edit(request, event, form, delegates, refused.messages)
    return render(
        request,
        "learning/book_review.html",
        {
            "event": event, "form": form, "delegates": delegates, "school": school,
            "quote": quote, "refusals": refusals or [], "confirm": _confirm_label(quote),
        },
    )  # fmt: skip


def _confirm_label(quote: services.OrderQuote) -> str:
    if not quote.places:
        return "Join the waiting list"
    places = quote.places
    if quote.needs_approval:
        ask = "a place" if places == 1 else f"{places} places"
        label = f"Request {ask} (your head approves)"
    else:
        label = f"Book {places} place{pluralize(places)}"
    return label + (f", {quote.waiting} on the waiting list" if quote.waiting else "")


def _names(bookings: list[Booking]) -> str:
    names = [booking.delegate_name for booking in bookings]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _order_message(bookings: list[Booking], event) -> tuple[int, str]:
    """What the booker is told once the order is made."""
    confirmed = [b for b in bookings if b.status == Status.CONFIRMED]
    requested = [b for b in bookings if b.status == Status.REQUESTED]
    waiting = [b for b in bookings if b.status == Status.WAITING]
    said = []
    if confirmed:
        have = "has a place" if len(confirmed) == 1 else "have places"
        said.append(f"Booked: {_names(confirmed)} {have} on {event}.")
    if requested:
        said.append(
            f"Requested: a place on {event} is held for {_names(requested)} until your head or "
            "CPD lead approves it." if len(requested) == 1 else
            f"Requested: places on {event} are held for {_names(requested)} until your head or "
            "CPD lead approves them."
        )  # fmt: skip
    if waiting:
        are = "is" if len(waiting) == 1 else "are"
        said.append(f"{_names(waiting)} {are} on the waiting list for {event}.")
        if not (confirmed or requested):
            said.append("We will email if a place frees.")
    if len(bookings) > 1:
        said.append("Your confirmation listing every place is on its way by email, and each "
                    "delegate gets their own.")  # fmt: skip
    elif confirmed:
        said.append("A confirmation with a calendar file is on its way by email.")
    return (messages.SUCCESS if confirmed else messages.INFO), " ".join(said)


PAST_PER_PAGE = 50


@sees(sees_bookings)
def booking_list(request: AuthedRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    # The page asked for, as Paginator.get_page reads it: any other text is the first page.
    asked = request.GET.get("page", "")
    page = asked if asked.isdigit() and len(asked) < 6 else ""
    if user.is_head or user.is_school_staff:
        lists = shared.remembered(
            selectors.SCHOOL_BOOKINGS,
            f"bookings:{user.pk}:{today}:{page}",
            lambda: _booking_lists(user, page, today),
            selectors.SCHOOL_BOOKINGS_SECONDS,
        )
    else:
        lists = _booking_lists(user, page, today)
    return render(
        request,
        "learning/bookings.html",
        {
            **lists,
            # The pages' numbers, from the count kept with the rows.
            "past_page": Paginator(range(lists["past_count"]), PAST_PER_PAGE).get_page(page),
            "year_label": years.label(years.current()),
        },
    )


def _booking_lists(user: User, page: str, today: datetime.date) -> dict:
    """What the bookings page lists for this person: places to come and one page of past ones,
    places to evaluate, and each school's charges this year for those who look after them."""
    bookings = selectors.with_swap_history(
        selectors.with_waiting_positions(
            selectors.bookings_for(user=user).only(
                *BOOKING_ROW_FIELDS, "delegate", "delegate_email"
            )
        )
    )
    upcoming = bookings.filter(event__ends_on__gte=today).order_by("event__starts_on", "pk")
    past = bookings.filter(event__ends_on__lt=today).order_by("-event__starts_on", "pk")
    past_page = Paginator(past, PAST_PER_PAGE).get_page(page)
    managed = list(selectors.schools_managed_by(user=user))
    return {
        "upcoming": _booking_rows(
            upcoming, approves_for={school.pk for school in managed}, you=user
        ),
        "past": _booking_rows(past_page.object_list),
        "past_count": past_page.paginator.count,
        "to_evaluate": list(selectors.evaluations_to_give(user=user)),
        "charges": [
            (school, term_charges(school=school, year=years.current())) for school in managed
        ],
    }


# What `_booking_rows` reads of each place.
BOOKING_ROW_FIELDS = (
    "event__title",
    "event__starts_on",
    "school__name",
    "delegate_name",
    "status",
    "price",
    "cancellation_charged",
    "attended",
)


def _booking_rows(
    bookings, *, approves_for: set[int] | None = None, you: User | None = None
) -> list[dict]:
    """What the bookings tables show of each place, worked out here rather than in the
    template (as the Ofsted and visits tables do): links and labels for a few dozen rows took
    most of the page's time there. With `approves_for` (the schools whose requests this person
    approves), each row also has its actions."""
    event_page, certificate = link_to("learning:event"), link_to("learning:certificate")
    approve, offer, cancel, swap = (
        link_to("learning:approve"),
        link_to("learning:offer"),
        link_to("learning:cancel"),
        link_to("learning:swap"),
    )
    actions = approves_for is not None
    today = timezone.localdate()
    rows = []
    for booking in bookings:
        event, status = booking.event, booking.status
        rows.append(
            {
                "event_url": event_page(booking.event_id),
                "title": event.title,
                "starts": f"{event.starts_on.day} {event.starts_on:%b %Y}",
                "delegate": booking.delegate_name,
                "school": booking.school.name,
                "status": _status_words(booking, you=you),
                "swaps": _swap_history(booking),
                "charged": booking.cancellation_charged,
                "attended": booking.attended,
                "certificate_url": certificate(booking.pk) if booking.attended else "",
                # A live place shows its price; a cancelled one what is still owed for it.
                "amount": booking.price if booking.is_active else booking.amount_due,
                "free": booking.is_active and not booking.price,
                "approve_url": approve(booking.pk)
                if approves_for is not None
                and status == Status.REQUESTED
                and booking.school_id in approves_for
                else "",
                "offer_url": offer(booking.pk) if actions and status == Status.OFFERED else "",
                "cancel_url": cancel(booking.pk) if actions and booking.is_active else "",
                "swap_url": swap(booking.pk)
                if you is not None
                and approves_for is not None
                and booking.is_active
                and event.starts_on >= today
                and (you.runs_partnership or booking.school_id in approves_for)
                else "",
            }
        )
    return rows


@login_required
def booking_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for(user=request.user, pk=pk)
    if not booking.is_active:
        raise Http404
    if request.method == "POST":
        try:
            services.booking_cancel(booking=booking, by=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, f"Cancelled: {booking.delegate_name} on {booking.event}.")
        return redirect("learning:bookings")
    charged = booking.cancelling_charges_on(timezone.localdate())
    return render(request, "learning/cancel.html", {"booking": booking, "charged": charged})


@login_required
def booking_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    """The head or CPD lead approves a member of staff's request (POST from the bookings page)."""
    booking = selectors.booking_for(user=request.user, pk=pk)
    if not selectors.manages_bookings_of(user=request.user, school=booking.school):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.booking_approve(booking=booking, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request, f"Approved: {booking.delegate_name} has a place on {booking.event}."
        )
    return redirect("learning:bookings")


@login_required
def offer(request: AuthedRequest, pk: int) -> HttpResponse:
    booking = selectors.offer_for(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.offer_accept(booking=booking, by=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(
                request,
                f"Place confirmed: {booking.delegate_name} on {booking.event}. A confirmation "
                "with a calendar file is on its way by email.",
            )
        return redirect("learning:bookings")
    return render(request, "learning/offer.html", {"booking": booking})


@login_required
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.event_to_mark(user=request.user, pk=pk)
    confirmed = event.bookings.filter(status=Status.CONFIRMED).select_related("school")
    if request.method == "POST":
        try:
            ids = {int(value) for value in request.POST.getlist("attended")}
            services.attendance_record(event=event, attended_ids=ids, by=request.user)
        except ValueError:
            messages.error(request, "The attendance list was not understood; please try again.")
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, f"Attendance saved: {len(ids)} attended.")
            return redirect("learning:attendance", pk=event.pk)
    return render(
        request,
        "learning/attendance.html",
        {
            "event": event,
            "bookings": confirmed,
            "needs_keep_days": settings.LEARNING_NEEDS_KEEP_DAYS,
        },
    )


@sees(leads_events)
def events_led(request: AuthedRequest) -> HttpResponse:
    """Facilitators' events (every event, for directors and the office), to mark attendance."""
    events = selectors.events_led_for(user=request.user)
    return render(
        request,
        "learning/events_led.html",
        {"page": Paginator(events, 50).get_page(request.GET.get("page"))},
    )


@login_required
def evaluate(request: AuthedRequest, pk: int) -> HttpResponse:
    booking = selectors.evaluation_booking_for(user=request.user, pk=pk)
    if hasattr(booking, "evaluation"):
        return render(request, "learning/evaluate.html", {"booking": booking, "done": True})
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                booking=booking,
                rating=form.cleaned_data["rating"],
                comments=form.cleaned_data["comments"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, f"Thank you for evaluating {booking.event}.")
            return redirect("learning:bookings")
    return render(request, "learning/evaluate.html", {"booking": booking, "form": form})


@login_required
def certificate(request: AuthedRequest, pk: int) -> HttpResponse:
    booking = selectors.certificate_booking_for(user=request.user, pk=pk)
    return download(
        render_certificate_pdf(booking),
        filename=f"certificate-{booking.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
def evaluation_results(request: AuthedRequest, pk: int) -> HttpResponse:
    results = selectors.evaluation_results(user=request.user, pk=pk)
    return render(request, "learning/results.html", {"results": results})


# Swaps, and the waiting list's order.


def _is_you(booking: Booking, user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return booking.delegate_id == user.pk or booking.delegate_email.lower() == user.email.lower()


def _status_words(booking: Booking, *, you: User | AnonymousUser | None) -> str:
    """A booking's status, with its place in the queue when it waits: "You are 4th on the
    waiting list" to the delegate, "On the waiting list (4th)" to their school."""
    if booking.status != Status.WAITING:
        return booking.get_status_display()
    place = ordinal(booking.waiting_position)  # type: ignore[attr-defined]
    if _is_you(booking, you):
        return f"You are {place} on the waiting list"
    return f"{booking.get_status_display()} ({place})"


def _swap_history(booking: Booking) -> list[str]:
    """From `selectors.with_swap_history`: who the place passed from and to, when, by whom."""
    history = []
    for swap in getattr(booking, "swap_history", None) or []:
        at = timezone.localtime(datetime.datetime.fromisoformat(swap["at"]))
        by = f"{swap['by_first'] or ''} {swap['by_last'] or ''}".strip() or swap["by_email"]
        history.append(
            f"Passed from {swap['from_name']} to {swap['to_name']} on {at.day} {at:%b %Y}"
            + (f" by {by}" if by else "")
        )
    return history


def _event_booking_rows(event: Event, *, user: User | AnonymousUser) -> list[dict]:
    """The places on an event this person sees (their own, or their school's), each with its
    status and place in the queue, and the link to take up an offer."""
    bookings = selectors.with_waiting_positions(
        selectors.bookings_for(user=user)
        .filter(event=event)
        .exclude(status__in=(Status.CANCELLED, Status.LAPSED))
    )
    offer = link_to("learning:offer")
    return [
        {
            "delegate": booking.delegate_name,
            "status": _status_words(booking, you=user),
            "yours_waiting": booking.status == Status.WAITING and _is_you(booking, user),
            "offer_url": offer(booking.pk) if booking.status == Status.OFFERED else "",
            "offer_expires_at": booking.offer_expires_at,
        }
        for booking in bookings
    ]


@login_required
def booking_swap(request: AuthedRequest, pk: int) -> HttpResponse:
    """The school gives a place to another delegate; a refusal keeps what was typed."""
    booking = selectors.swap_booking_for(user=request.user, pk=pk)
    was = booking.delegate_name
    form = SwapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_swap(booking=booking, by=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                f"Swapped: {booking.delegate_name} takes {was}'s place on {booking.event}. "
                f"We have emailed {booking.delegate_name}, and told {was}.",
            )
            return redirect("learning:bookings")
    return render(request, "learning/swap.html", {"booking": booking, "was": was, "form": form})


# The catalogue's form fields and the filters they set.
CATALOGUE_FILTERS = {
    "q": "text", "kind": "kind", "audience": "audience", "phase": "phase", "subject": "subject",
    "term": "term", "year": "year", "price": "max_member_price", "places_left": "places_left",
}  # fmt: skip


def _catalogue_filters_on(
    request: HttpRequest, form: CatalogueForm, filters: selectors.CatalogueFilters
) -> list[dict]:
    """Why nothing matched: each filter that is on, in words, with the link that takes it off
    and how many events that would show (a count each, only when nothing matched)."""
    filters_on = []
    off = selectors.CatalogueFilters()
    for name, attribute in CATALOGUE_FILTERS.items():
        if getattr(filters, attribute) == getattr(off, attribute):
            continue
        field = form.fields[name]
        if name == "q":
            label = f"the search “{filters.text}”"
        elif name == "places_left":
            label = str(field.label)
        else:
            # A flat list of (value, label) here: the form's fields have no option groups.
            options = cast(list[tuple[object, str]], cast(ChoiceField, field).choices)
            chosen = next(text for value, text in options if str(value) == request.GET[name])
            label = f"{field.label}: {chosen}"
        params = request.GET.copy()
        params.pop(name)
        params.pop("page", None)
        without = replace(filters, **{attribute: getattr(off, attribute)})
        filters_on.append(
            {
                "name": name,
                "label": label,
                "url": f"?{params.urlencode()}",
                "count": selectors.catalogue(filters=without).count(),
            }
        )
    return filters_on


@login_required
def event_places(request: AuthedRequest, pk: int) -> HttpResponse:
    """Directors and the office add places (or take away free ones); a refusal keeps the
    number typed."""
    event = selectors.event_places_for(user=request.user, pk=pk)
    form = EventPlacesForm(request.POST or None, initial={"capacity": event.capacity})
    if request.method == "POST" and form.is_valid():
        capacity = form.cleaned_data["capacity"]
        try:
            services.event_capacity_change(event=event, capacity=capacity, by=request.user)
        except ValidationError as refused:
            form.add_error("capacity", refused)
        else:
            messages.success(
                request,
                f"{event} now has {capacity} places. Any new places are offered to those "
                "waiting, in the order they joined.",
            )
            return redirect("learning:event", pk=event.pk)
    return render(request, "learning/places.html", {"event": event, "form": form})
