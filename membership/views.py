from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from membership.access import (
    credit_note_for,
    heads_schools,
    invoice_for,
    membership_school_for,
    order_for,
    purchase_order_invoice_for,
    school_for,
)
from membership.forms import OrderChangeForm, OrderForm, PurchaseOrderForm
from membership.models import Phase, SchoolType
from membership.pdf import render_credit_note_pdf, render_invoice_pdf
from membership.selectors import (
    membership_invoices_of,
    membership_savings,
    memberships_of,
    orders_of,
    price_list,
    schools_for,
)
from membership.services import (
    invoice_purchase_order_set,
    membership_give_notice,
    purchase_cancel,
    purchase_change,
    purchase_record,
)
from thep import panels, years
from thep.access import AuthedRequest, sees
from thep.downloads import download
from thep.templatetags.money import money


@login_required
def school_list(request: AuthedRequest) -> HttpResponse:
    schools = schools_for(user=request.user).order_by("name")
    query = request.GET.get("q", "").strip()
    phase = request.GET.get("phase", "")
    school_type = request.GET.get("type", "")
    if query:
        urn_match = Q(urn=int(query)) if query.isdigit() else Q()
        schools = schools.filter(Q(name__icontains=query) | urn_match)
    if phase in Phase.values:
        schools = schools.filter(phase=phase)
    if school_type in SchoolType.values:
        schools = schools.filter(school_type=school_type)
    page = Paginator(schools, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "membership/school_list.html",
        {
            "page": page,
            "query": query,
            "phase": phase,
            "school_type": school_type,
            "phases": Phase.choices,
            "types": SchoolType.choices,
        },
    )


@login_required
def school_detail(request: AuthedRequest, urn: int) -> HttpResponse:
    school = school_for(user=request.user, urn=urn)
    return render(
        request,
        "membership/school_detail.html",
        {"school": school, "panels": panels.gather_school(request, school)},
    )


@sees(heads_schools)
def my_membership(request: AuthedRequest) -> HttpResponse:
    """Where the menu's Membership link takes a head: their school's membership page, or the
    choice of them for the head of several. The menu, on every page, then needs no query."""
    schools = list(schools_for(user=request.user).order_by("name"))
    if len(schools) == 1:
        return redirect("membership:membership", urn=schools[0].urn)
    return render(request, "membership/my_membership.html", {"schools": schools})


def _order_years() -> list[int]:
    """A head orders for this membership year or the next."""
    year = years.current()
    return [year, year + 1]


@login_required
def membership_page(request: AuthedRequest, urn: int) -> HttpResponse:
    school = membership_school_for(user=request.user, urn=urn)
    year = years.current()
    order_years = _order_years()
    memberships = list(memberships_of(school=school))
    invoices, drafts = membership_invoices_of(school=school)
    prices = price_list(years=order_years)
    return render(
        request,
        "membership/membership_page.html",
        {
            "school": school,
            "year_label": years.label(year),
            "current": next((m for m in memberships if m.year == year), None),
            "member": getattr(school, "member", None),
            "memberships": memberships,
            "invoices": invoices,
            "drafts": drafts,
            "orders": orders_of(school=school, years=order_years),
            "prices": prices,
            # The order form's choices, from the price list rather than a query of their own.
            "order_products": list(dict.fromkeys(price.product for price in prices)),
            "order_years": [(y, years.label(y)) for y in order_years],
            "savings": membership_savings(school=school, year=year),
        },
    )


def _refused(request: AuthedRequest, form: forms.Form) -> None:
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


@login_required
def order_create(request: AuthedRequest, urn: int) -> HttpResponse:
    """The head orders a package or service for this year or next."""
    school = membership_school_for(user=request.user, urn=urn)
    if not request.user.is_head:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = OrderForm(request.POST, order_years=_order_years())
    if not form.is_valid():
        _refused(request, form)
        return redirect("membership:membership", urn=urn)
    try:
        order = purchase_record(school=school, recorded_by=request.user, **form.cleaned_data)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        price = "member price" if order.at_member_price else "non-member price"
        messages.success(
            request,
            f"Ordered {order.quantity} x {order.product} for {order.year_label} at "
            f"{money(order.unit_price)} each ({price}). It goes on your next invoice from the "
            "THEP office.",
        )
    return redirect("membership:membership", urn=urn)


@login_required
def order_change(request: AuthedRequest, urn: int, pk: int) -> HttpResponse:
    """The head changes the quantity of an order not yet invoiced."""
    order = order_for(user=request.user, urn=urn, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = OrderChangeForm(request.POST)
    if not form.is_valid():
        _refused(request, form)
        return redirect("membership:membership", urn=urn)
    try:
        order = purchase_change(order=order, quantity=form.cleaned_data["quantity"])
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request, f"Order changed to {order.quantity} x {order.product} for {order.year_label}."
        )
    return redirect("membership:membership", urn=urn)


@login_required
def order_cancel(request: AuthedRequest, urn: int, pk: int) -> HttpResponse:
    """The head cancels an order not yet invoiced."""
    order = order_for(user=request.user, urn=urn, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        order = purchase_cancel(order=order)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            f"Order of {order.quantity} x {order.product} for {order.year_label} cancelled.",
        )
    return redirect("membership:membership", urn=urn)


@login_required
def invoice_download(request: AuthedRequest, urn: int, number: int) -> HttpResponse:
    invoice = invoice_for(user=request.user, urn=urn, number=number)
    # The worker stores the PDF soon after issue; until then (or if it failed, or the file is
    # gone: a backup holds the database, not the files) make it now.
    try:
        with invoice.pdf.open("rb") as stored:
            pdf = stored.read()
    except (ValueError, FileNotFoundError):  # ValueError: no file stored yet
        pdf = render_invoice_pdf(invoice)
    return download(pdf, filename=invoice.filename, content_type="application/pdf")


@login_required
def credit_note_download(request: AuthedRequest, urn: int, number: int) -> HttpResponse:
    note = credit_note_for(user=request.user, urn=urn, number=number)
    return download(
        render_credit_note_pdf(note), filename=note.filename, content_type="application/pdf"
    )


@login_required
def purchase_order_give(request: AuthedRequest, urn: int, pk: int) -> HttpResponse:
    """The head gives the school's purchase order number for an invoice being prepared."""
    invoice = purchase_order_invoice_for(user=request.user, urn=urn, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PurchaseOrderForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        invoice_purchase_order_set(
            invoice=invoice, purchase_order=form.cleaned_data["purchase_order"]
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"Purchase order number saved for {invoice.what}.")
    return redirect("membership:membership", urn=urn)


@login_required
def notice_give(request: AuthedRequest, urn: int) -> HttpResponse:
    """The head gives the school's notice of withdrawal, which runs at least a year."""
    school = membership_school_for(user=request.user, urn=urn)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    member = getattr(school, "member", None)
    if not request.user.is_head or member is None:
        raise Http404
    if request.POST.get("understood") != "yes":
        messages.error(
            request,
            "Please tick the box to confirm you understand that membership and its fees "
            "continue for at least a year after notice.",
        )
        return redirect("membership:membership", urn=urn)
    try:
        leaves_on = membership_give_notice(
            member=member, given_on=timezone.localdate(), recorded_by=request.user
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request, f"Notice recorded. {school.name} stays a member until {leaves_on:%-d %B %Y}."
        )
    return redirect("membership:membership", urn=urn)
