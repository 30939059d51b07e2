import io
from decimal import Decimal

from playwright.sync_api import expect
from pypdf import PdfReader

from outcomes.models import Figure, Measure


def test_director_makes_a_schools_data_pack_and_its_head_downloads_it(
    page, log_in, accessible, director, head_a, school_a, celery_worker, client_for
):
    Figure.objects.create(
        school=school_a, year=2023, measure=Measure.KS2_RWM_EXPECTED, value=Decimal("73")
    )
    log_in(director)
    page.goto("/reports/files/")
    page.get_by_role("link", name="Comparative data analysis packs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comparative data analysis packs")
    page.get_by_label("School's URN").fill("100001")
    page.get_by_label("Results up to").fill("2023-24")
    page.get_by_role("button", name="Make the packs").click()
    link = page.get_by_role("link", name="Download thep-data-pack-100001-2023-24-v1.pdf")
    expect(link).to_be_visible(timeout=60_000)  # the row refreshes itself while it is made
    accessible(page)

    page.context.clear_cookies()
    log_in(head_a)
    page.goto("/schools/100001/")
    page.get_by_role("link", name="Data packs of Bonner Primary School").click()
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the latest pack").click()
    pdf = download.value.path().read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Bonner Primary School" in text and "73" in text
