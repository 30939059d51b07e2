from django.urls import reverse
from django.utils import timezone

from membership.access import sees_membership
from membership.models import Invoice, School
from membership.selectors import invoice_drafts, invoices_overdue, invoices_owing, is_member
from thep.access import AuthedRequest
from thep.links import link_to
from thep.panels import Item, Panel, queue


def school_panels(request: AuthedRequest, school: School) -> list[Panel]:
    if not sees_membership(request.user):
        return []
    member = is_member(school=school, on=timezone.localdate())
    may_join = request.user.is_head and not member
    return [
        Panel(
            "membership/includes/membership_panel.html",
            {"school": school, "is_member": member, "may_join": may_join},
        )
    ]


def home_panels(request: AuthedRequest) -> list[Panel]:
    """A head's invoices to pay; the office's drafts to issue and invoices overdue."""
    user, today = request.user, timezone.localdate()
    if user.is_head:
        membership_page = link_to("membership:membership")
        return [
            queue(
                key="invoices",
                title="Invoices to pay",
                one="invoice to pay",
                rows=invoices_owing(user=user),
                item=lambda invoice: Item(
                    f"{invoice.reference}, {invoice.what}: £{invoice.amount - invoice.paid:,.2f}",
                    membership_page(invoice.member.school.urn),
                    note=f"due {_day(invoice)}",
                    late=bool(invoice.due_on and invoice.due_on < today),
                ),
            )
        ]
    if user.is_office:
        invoice_page = link_to("admin:membership_invoice_change")
        invoices = reverse("admin:membership_invoice_changelist")
        return [
            queue(
                key="drafts",
                title="Draft invoices to issue",
                one="draft invoice to issue",
                rows=invoice_drafts(user=user),
                item=lambda invoice: Item(
                    f"{invoice.member}: {invoice.what}",
                    invoice_page(invoice.pk),
                    note=f"£{invoice.amount:,.2f}",
                ),
                more_url=f"{invoices}?status__exact=draft",
                more_label="All drafts",
            ),
            queue(
                key="overdue-invoices",
                title="Invoices overdue",
                one="invoice overdue",
                rows=invoices_overdue(user=user, on=today),
                item=lambda invoice: Item(
                    f"{invoice.reference}, {invoice.member}: £{invoice.amount - invoice.paid:,.2f}",
                    invoice_page(invoice.pk),
                    note=f"due {_day(invoice)}",
                    late=True,
                ),
                more_url=reverse("admin:membership_invoice_aged_debt"),
                more_label="Aged debt",
            ),
        ]
    return []


def _day(invoice: Invoice) -> str:
    return f"{invoice.due_on:%-d %b %Y}" if invoice.due_on else "on issue"
