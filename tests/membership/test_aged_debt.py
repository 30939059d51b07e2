"""The office's aged-debt list: what each member owes, by days past the due date."""

import datetime
from decimal import Decimal

from django.urls import reverse

from membership.models import PaymentMethod
from membership.selectors import aged_debt
from membership.services import invoice_cancel, invoice_issue, payment_record
from tests.factories import SchoolFactory
from tests.membership.invoicing import draft_for, issued_for

ISSUED = datetime.date(2017, 9, 1)  # due 1 October 2017 on 30 days' terms
DUE = datetime.date(2017, 10, 1)


def test_each_band_starts_where_the_one_before_ends(school_a):
    issued_for(school_a, on=ISSUED)
    expected = {
        DUE: 0,  # due today: not yet overdue
        DUE + datetime.timedelta(days=1): 1,
        DUE + datetime.timedelta(days=30): 1,
        DUE + datetime.timedelta(days=31): 2,
        DUE + datetime.timedelta(days=60): 2,
        DUE + datetime.timedelta(days=61): 3,
        DUE + datetime.timedelta(days=90): 3,
        DUE + datetime.timedelta(days=91): 4,
        DUE + datetime.timedelta(days=400): 4,
    }
    for day, band in expected.items():
        (row,) = aged_debt(on=day).rows
        assert row.bands.index(Decimal("2100.00")) == band, day


def test_part_payments_count_and_paid_drafts_and_credited_do_not(school_a, school_b):
    owing = issued_for(school_a, on=ISSUED)
    payment_record(
        invoice=owing,
        amount=Decimal("600.00"),
        received_on=datetime.date(2017, 10, 5),
        method=PaymentMethod.CHEQUE,
    )
    later = draft_for(school_a, year=2018, pupils=100)  # £500.00, issued late
    invoice_issue(invoice=later, on=datetime.date(2017, 12, 1), make_pdf=False)
    credited = issued_for(school_b, on=ISSUED)
    invoice_cancel(invoice=credited, reason="Wrong pupil number")
    draft_for(SchoolFactory(name="Another School"))
    debt = aged_debt(on=datetime.date(2017, 12, 15))  # 75 days after 1 October
    (row,) = debt.rows
    assert row.member.school == school_a
    assert row.bands == [Decimal(x) for x in ("500.00", "0", "0", "1500.00", "0")]
    assert debt.totals == row.bands and debt.total == Decimal("2000.00")


def test_the_office_sees_the_list_with_totals(client_for, office_admin, school_a, school_b):
    issued_for(school_a, on=ISSUED)
    issued_for(school_b, on=ISSUED)
    response = client_for(office_admin).get(reverse("admin:membership_invoice_aged_debt"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bonner Primary School" in page and "Cayley Primary School" in page
    assert "Over 90 days" in page and "£4,200.00" in page


def test_the_list_costs_the_same_queries_for_more_schools(
    client_for, office_admin, django_assert_max_num_queries
):
    for _ in range(15):
        issued_for(SchoolFactory(), on=ISSUED)
    client = client_for(office_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:membership_invoice_aged_debt")).status_code == 200
