"""A head orders a package and an extra visit for next year on the membership page; the
office's invoice run puts both on a draft invoice, and the page says so."""

from playwright.sync_api import expect

from membership.models import Invoice, Purchase
from tests.membership.ordering import member_of, price_list
from thep import years


def test_a_head_orders_a_package_and_an_extra_visit_for_next_year(
    page, log_in, accessible, head_a, office_admin, school_a
):
    this_year = years.current()
    next_year = this_year + 1
    member_of(school_a, this_year, next_year)
    price_list(this_year, next_year)
    label = years.label(next_year)

    log_in(head_a)
    page.get_by_role("link", name="Membership", exact=True).click()
    expect(page.get_by_role("heading", name="Order a package or service")).to_be_visible()
    accessible(page)
    page.get_by_label("Package or service").select_option(label="Silver package")
    page.get_by_label("For the year").select_option(label=label)
    page.get_by_role("button", name="Order", exact=True).click()
    expect(
        page.get_by_text(f"Ordered 1 x Silver for {label} at £6,300.00 each (member price).")
    ).to_be_visible()

    page.get_by_label("Package or service").select_option(label="Extra LC visit")
    page.get_by_label("For the year").select_option(label=label)
    page.get_by_label("Quantity", exact=True).fill("1")
    page.get_by_role("button", name="Order", exact=True).click()
    expect(page.get_by_text(f"Ordered 1 x Extra LC visit for {label}")).to_be_visible()
    page.get_by_label(f"New quantity of Extra LC visit for {label}").fill("2")
    page.get_by_role("button", name=f"Change the quantity of Extra LC visit for {label}").click()
    expect(page.get_by_text(f"Order changed to 2 x Extra LC visit for {label}.")).to_be_visible()
    accessible(page)
    assert [(o.product.name, o.quantity, o.year) for o in Purchase.objects.order_by("kind")] == [
        ("Silver", 1, next_year), ("Extra LC visit", 2, next_year),
    ]  # fmt: skip

    page.context.clear_cookies()
    log_in(office_admin, next_url="/admin/membership/purchase/")
    page.get_by_role("link", name="Invoice the orders").click()
    page.get_by_label("Orders for the membership year").select_option(label=label)
    page.get_by_role("button", name="Show the orders waiting").click()
    expect(page.get_by_text("2 orders waiting to be invoiced, £6,800.00 in all")).to_be_visible()
    page.get_by_role("button", name="Put these 2 orders on draft invoices").click()
    expect(page.get_by_text(f"Orders for {label} put on 1 draft invoice,")).to_be_visible()
    assert Invoice.objects.get().amount == 6800

    page.context.clear_cookies()
    log_in(head_a)
    page.get_by_role("link", name="Membership", exact=True).click()
    expect(page.get_by_text(f"Packages and services {label}", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="On an invoice being prepared")).to_have_count(2)
    expect(
        page.get_by_role("button", name=f"Cancel the order of Silver for {label}")
    ).to_have_count(0)
