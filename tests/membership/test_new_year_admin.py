"""The office opens a year in the admin, as it would: the fee rate, the price list and the census
imported as jobs on a real worker (preview, then apply), the guided page, the question, the
confirmation, the draft fee invoices; and what it refuses."""

import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from membership.models import Invoice, Membership, Price, PupilCount
from tests.factories import SchoolFactory
from tests.membership.factories import MembershipFactory, ProductFactory
from thep.models import ImportJob

CENSUS = Path(__file__).parents[1] / "fixtures" / "census"
CENSUS_FILE = CENSUS / "spc_school_level_underlying_data_2025-sample.csv"
GUIDE = "/admin/membership/yearopening/open/2027/"
PRICES = b"product code,year,member price,non-member price\ngold,2027-28,9800,13700\n"


def wait_for(job_id: int, state: str, seconds: float = 30) -> ImportJob:
    deadline = time.monotonic() + seconds
    while True:
        job = ImportJob.objects.get(pk=job_id)
        if job.state == state or time.monotonic() > deadline:
            assert job.state == state, f"{job.state}: {job.problems}"
            return job
        time.sleep(0.1)


def import_file(office, kind: str, name: str, data: bytes, **options) -> ImportJob:
    response = office.post(
        f"/admin/thep/importjob/upload/{kind}/", {"file": SimpleUploadedFile(name, data), **options}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return wait_for(ImportJob.objects.latest("created_at").pk, ImportJob.State.PREVIEWED)


@pytest.fixture
def members(transactional_db, school_a, school_b):
    morpeth = SchoolFactory(name="Morpeth School", urn=100003, phase="secondary")
    for school in (school_a, school_b, morpeth):
        MembershipFactory(member__school=school, year=2026)
    ProductFactory(kind="package", code="gold", name="Gold")


def text(response) -> str:
    """The page's words, without its tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_office_opens_the_year_through_the_admin(
    members, client_for, office_admin, celery_worker
):
    office = client_for(office_admin)
    # The link from the list of openings, and the year after this one by default.
    assert "Open a new year" in text(office.get("/admin/membership/yearopening/"))
    chosen = office.get("/admin/membership/yearopening/open/?year=2027-28")
    assert chosen.status_code == 302 and chosen["Location"] == GUIDE

    page = text(office.get(GUIDE))
    assert "No fee rate is set for 2027-28 yet." in page
    assert "There is no fee rate for 2027-28: set it in step 1." in page
    assert "3 members to invoice have no pupils on roll for 2027-28" in page

    refused = text(office.post(GUIDE + "rate/", {"per_pupil": "-1", "associate_fee": "0"}))
    assert "Ensure this value is greater than or equal to 0.01." in refused
    office.post(GUIDE + "rate/", {"per_pupil": "9.50", "associate_fee": "250"})

    prices = import_file(office, "prices", "prices 2027-28.csv", PRICES)
    assert not Price.objects.exists()  # the preview wrote nothing
    office.post(f"/admin/thep/importjob/{prices.pk}/apply/")
    wait_for(prices.pk, ImportJob.State.APPLIED)

    census = import_file(
        office, "census", CENSUS_FILE.name, CENSUS_FILE.read_bytes(), year="2027-28"
    )
    assert census.summary and census.summary["created"] == 3
    assert not PupilCount.objects.exists()
    office.post(f"/admin/thep/importjob/{census.pk}/apply/")
    wait_for(census.pk, ImportJob.State.APPLIED)

    page = text(office.get(GUIDE))
    assert "2027-28: £9.50 per pupil" in page
    assert "1 product priced for 2027-28." in page
    assert "Every member to invoice has pupils on roll for 2027-28" in page
    assert "3 members of 2026-27 renew into 2027-28" in page
    assert "Draft fee invoices to be made (3, £20,814.50)" in page
    assert "Morpeth School Full, renewed 1321 12 £12,549.50" in page
    assert not Membership.objects.filter(year=2027).exists()

    seen = office.get(GUIDE).context["plan"].fingerprint
    question = text(office.post(GUIDE + "confirm/", {"seen": seen}))
    assert (
        "Opening 2027-28 renews 3 members into it and drafts 3 fee invoices, £20,814.50 in all, "
        "at £9.50 per pupil." in question
    )
    assert not Membership.objects.filter(year=2027).exists()

    opened = office.post(GUIDE + "confirm/", {"seen": seen, "confirmed": "yes"}, follow=True)
    page = text(opened)
    assert (
        opened.redirect_chain[-1][0] == "/admin/membership/invoice/?year=2027&status__exact=draft"
    )
    assert "2027-28 is open: 3 members renewed and 3 draft fee invoices made, £20,814.50" in page
    assert sorted(Invoice.objects.filter(year=2027).values_list("amount", flat=True)) == [
        Decimal("3971.00"), Decimal("4294.00"), Decimal("12549.50"),
    ]  # fmt: skip

    # Pressed again (another tab, the back button): refused plainly, nothing more made.
    again = text(office.post(GUIDE + "confirm/", {"seen": seen, "confirmed": "yes"}, follow=True))
    assert "2027-28 is already open: 3 members were renewed into it and 3 fee invoices" in again
    assert Invoice.objects.filter(year=2027).count() == 3


def test_a_census_with_unknown_urns_is_listed_and_changes_nothing(
    transactional_db, school_a, client_for, office_admin, celery_worker
):
    office = client_for(office_admin)
    data = b"URN,pupils\n100001,452\n999998,300\n"
    response = office.post(
        "/admin/thep/importjob/upload/census/",
        {"file": SimpleUploadedFile("census.csv", data), "year": "2027-28"},
    )
    job = wait_for(ImportJob.objects.latest("created_at").pk, ImportJob.State.PREVIEWED)
    assert response.status_code == 302
    page = text(office.get(f"/admin/thep/importjob/{job.pk}/change/"))
    assert "No school with URN 999998 in the register" in page
    refused = text(office.post(f"/admin/thep/importjob/{job.pk}/apply/"))
    assert "1 rows were refused" in refused
    assert not PupilCount.objects.exists()


def test_the_census_upload_asks_for_a_year_it_understands(db, client_for, office_admin):
    office = client_for(office_admin)
    page = text(
        office.post(
            "/admin/thep/importjob/upload/census/",
            {"file": SimpleUploadedFile("census.csv", b"URN,pupils\n"), "year": "2027"},
        )
    )
    assert "&#x27;2027&#x27; is not a membership year; write it like 2017-18." in page
    assert not ImportJob.objects.exists()


def test_people_other_than_the_office_cannot_open_a_year(db, client_for, director):
    response = client_for(director).get(GUIDE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
