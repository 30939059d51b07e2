from django.http import Http404
from django.shortcuts import get_object_or_404

from membership.models import CreditNote, Invoice, InvoiceKind, Purchase, School
from membership.selectors import invoices_of, schools_for
from thep.models import User


def school_for(*, user: User, urn: int) -> School:
    """The school with this URN if the person may see it; a 404 otherwise, as for no school."""
    return get_object_or_404(schools_for(user=user), urn=urn)


def heads_schools(user: User) -> bool:
    """Heads have a membership page of their own school's, or one for each of theirs."""
    return user.is_authenticated and user.is_head


def sees_membership(user: User) -> bool:
    # Fees and invoices are the head's and the office's business, not staff's, LCs' or the LA's.
    return user.is_head or user.runs_partnership


def membership_school_for(*, user: User, urn: int) -> School:
    """The school whose membership and invoices this person may see; a 404 otherwise."""
    school = school_for(user=user, urn=urn)
    if not sees_membership(user):
        raise Http404
    return school


def invoice_for(*, user: User, urn: int, number: int) -> Invoice:
    """An issued invoice of a school this person may see the membership of; a 404 otherwise."""
    school = membership_school_for(user=user, urn=urn)
    return get_object_or_404(
        invoices_of(school=school).select_related("member__school", "membership"),
        number=number,
    )


def credit_note_for(*, user: User, urn: int, number: int) -> CreditNote:
    """A credit note on an invoice of a school this person may see the membership of."""
    school = membership_school_for(user=user, urn=urn)
    return get_object_or_404(
        CreditNote.objects.filter(invoice__member__school=school).select_related(
            "invoice__member__school"
        ),
        number=number,
    )


def purchase_order_invoice_for(*, user: User, urn: int, pk: int) -> Invoice:
    """A membership fee or orders invoice of the head's own school, for them to give its
    purchase order number (the service refuses once it is issued); a 404 to anyone else, the
    office included."""
    school = membership_school_for(user=user, urn=urn)
    if not user.is_head:
        raise Http404
    # Drafts of places are the office's business until issued (`membership_invoices_of`).
    fees = Invoice.objects.filter(member__school=school).exclude(kind=InvoiceKind.PLACES)
    return get_object_or_404(fees, pk=pk)


def order_for(*, user: User, urn: int, pk: int) -> Purchase:
    """An order of the head's own school, for them to change or cancel (the service refuses
    once it is invoiced); a 404 to anyone else, the office included (it has the admin)."""
    school = membership_school_for(user=user, urn=urn)
    if not user.is_head:
        raise Http404
    return get_object_or_404(Purchase.objects.filter(school=school), pk=pk)
