"""The office's import journey in a real browser, with a real worker: upload, watch the preview,
apply (leaving out refused rows when there are some), read the result. Every import the admin
offers (thep.importing.IMPORTERS) takes the journey with a sample file of its own."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from membership.models import Membership, Price, PupilCount, School
from ofsted.models import Inspection
from outcomes.models import Figure
from tests.factories import SchoolFactory
from tests.membership.factories import ProductFactory
from tests.membership.test_census_import import DFE_FILE
from tests.membership.test_import_gias import gias_file
from tests.ofsted.conftest import REPORT_CARDS
from tests.outcomes.conftest import KS2
from thep.importing import IMPORTERS

# The inspections the report-card fixture's rows for 130001 and 130002 hold (the other rows'
# schools are not in the register).
OFSTED_CREATED = 3


@dataclass
class Sample:
    file_name: str
    data: Callable[[], bytes]
    created: int
    refused: int
    written: Callable[[], int]  # what the import wrote, counted in the database
    needs: tuple[str, ...] = ()  # fixtures


SAMPLES = {
    "memberships": Sample(
        "members 2017-18.csv",
        lambda: b"URN,year,category\r\n100001,2017-18,full\r\n999999,2017-18,full\r\n",
        created=1,
        refused=1,
        written=lambda: Membership.objects.filter(member__school__urn=100001).count(),
        needs=("school_a",),
    ),
    "gias": Sample(
        "edubasealldata20261122.csv",
        gias_file,
        created=5,
        refused=0,
        written=lambda: School.objects.count(),
    ),
    "ofsted": Sample(
        "Management_information_-_state-funded_schools_-_latest_inspections.csv",
        REPORT_CARDS.read_bytes,
        created=OFSTED_CREATED,
        refused=0,
        written=lambda: Inspection.objects.count(),
        needs=("report_card_schools",),
    ),
    # Tower Hamlets' three rows of the DfE school-level file (the other LAs' rows are skipped).
    "census": Sample(
        "spc_school_level_underlying_data_2025.csv",
        DFE_FILE.read_bytes,
        created=3,
        refused=0,
        written=lambda: PupilCount.objects.count(),
        needs=("census_schools",),
    ),
    "prices": Sample(
        "prices 2027-28.csv",
        lambda: (
            b"product code,year,member price,non-member price\r\n"
            b"gold,2027-28,9800,13700\r\nextra-lc-visit,2027-28,550,750\r\n"
        ),
        created=2,
        refused=0,
        written=lambda: Price.objects.count(),
        needs=("price_products",),
    ),
    # The key stage 2 fixture's figures of its three schools in the register, Tower Hamlets and
    # England (14 each); the upload form's first kind is key stage 2.
    "performance": Sample(
        "england_ks2final.csv",
        KS2.read_bytes,
        created=70,
        refused=0,
        written=lambda: Figure.objects.count(),
        needs=("ks2_schools",),
    ),
}


@pytest.fixture
def report_card_schools(db):
    """Two of the schools of the report-card fixture's rows (the others are skipped)."""
    return [SchoolFactory(urn=130001), SchoolFactory(urn=130002)]


@pytest.fixture
def census_schools(db):
    return [SchoolFactory(urn=urn) for urn in (100001, 100002, 100003)]


@pytest.fixture
def price_products(db):
    return [
        ProductFactory(kind="package", code="gold", name="Gold"),
        ProductFactory(code="extra-lc-visit", name="Extra LC visit"),
    ]


@pytest.fixture
def ks2_schools(db):
    return [SchoolFactory(urn=urn) for urn in (100001, 100002, 100003)]


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_office_imports_a_file_through_preview_and_apply(
    kind, request, page, log_in, office_admin, celery_worker, tmp_path, accessible
):
    assert kind in SAMPLES, f"give the {kind} import a sample file here"
    sample = SAMPLES[kind]
    for fixture in sample.needs:
        request.getfixturevalue(fixture)
    upload = tmp_path / sample.file_name
    upload.write_bytes(sample.data())

    log_in(office_admin, next_url="/admin/")
    page.goto("/admin/thep/importjob/")
    page.get_by_role("link", name=f"Import {IMPORTERS[kind].label}").click()
    accessible(page)
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and preview").click()

    # The page follows the worker and shows the preview once it is ready.
    expect(page.get_by_role("heading", name="Previewed: nothing written yet")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("Read as: ")).to_be_visible()  # which layout the file was read in
    expect(page.get_by_role("row", name="Created")).to_contain_text(str(sample.created))
    expect(page.get_by_role("row", name="Refused rows")).to_contain_text(str(sample.refused))
    assert sample.written() == 0
    accessible(page)

    if sample.refused:
        page.get_by_role("button", name="Apply").click()
        expect(page.locator(".errorlist")).to_contain_text("tick the box")
        page.get_by_label(f"Leave out the {sample.refused} refused rows").check()
    page.get_by_role("button", name="Apply").click()

    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible(timeout=30_000)
    if sample.refused:
        expect(page.get_by_text("Refused rows, left out")).to_be_visible()
    expect(page.get_by_text("What the import changed")).to_be_visible()
    assert sample.written() == sample.created
    accessible(page)
    page.goto("/admin/thep/importjob/")
    expect(page.get_by_role("row", name=sample.file_name)).to_contain_text(
        f"{sample.created} created"
    )
