"""Provisional figures: the DfE's provisional release the office imports, or the headline
figures a head enters for the year just ended, shown marked provisional until the DfE's final
file for the year and measure replaces them. Final always wins."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from outcomes.imports import performance_import
from outcomes.models import Area, Figure, Group, Measure
from outcomes.services import year_just_ended
from reports.datapack import render_data_pack
from tests.outcomes.conftest import KS2, YEAR
from tests.reports.test_data_pack import pdf_text

pytestmark = pytest.mark.django_db
RWM = Measure.KS2_RWM_EXPECTED


def rwm(urn: int = 100001, year: int = YEAR) -> Figure:
    return Figure.objects.get(school__urn=urn, year=year, measure=RWM, group=Group.ALL)


def headlines_url(urn: int = 100001) -> str:
    return f"/outcomes/school/{urn}/headlines/"


def test_a_provisional_import_is_held_marked_and_the_final_file_replaces_it(dfe_schools):
    summary = performance_import(source=KS2, kind="ks2", year=YEAR, provisional=True)

    assert summary.what == "Provisional school performance data for 2023-24"
    assert rwm().provisional and rwm().value == 70
    england = Figure.objects.get(area=Area.ENGLAND, year=YEAR, measure=RWM, group=Group.ALL)
    assert england.provisional

    performance_import(source=KS2, kind="ks2", year=YEAR)

    assert not Figure.objects.filter(year=YEAR, provisional=True).exists()
    assert rwm().value == 70 and rwm().percentile == 60


def test_a_provisional_import_never_replaces_a_final_figure(dfe_schools):
    performance_import(source=KS2, kind="ks2", year=YEAR)
    final = rwm()

    summary = performance_import(source=KS2, kind="ks2", year=YEAR, provisional=True)

    assert rwm().pk == final.pk and not rwm().provisional
    assert summary.created == 0
    assert summary.skipped["figures the DfE's final file already gave, kept (final wins)"] == 70


def test_the_year_just_ended_turns_in_july():
    assert year_just_ended(datetime.date(2026, 6, 30)) == 2024
    assert year_just_ended(datetime.date(2026, 7, 10)) == 2025
    assert year_just_ended(datetime.date(2026, 8, 31)) == 2025
    assert year_just_ended(datetime.date(2026, 9, 1)) == 2025


def this_year() -> int:
    return year_just_ended(timezone.localdate())


def label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def test_head_enters_headlines_shown_provisional_on_the_school_page(client_for, head_a, school_a):
    client = client_for(head_a)
    assert "Enter this year's headline figures" in client.get("/schools/100001/").content.decode()
    form = client.get(headlines_url())
    assert form.status_code == 200 and "Attainment 8" not in form.content.decode()

    saved = client.post(
        headlines_url(), {"year": label(this_year()), RWM: "64.5", Measure.KS2_MATHS_SCORE: ""}
    )

    assert saved.status_code == 302
    figure = rwm(year=this_year())
    assert (figure.value, figure.provisional, figure.entered_by) == (Decimal("64.5"), True, head_a)
    assert not Figure.objects.filter(measure=Measure.KS2_MATHS_SCORE).exists()
    page = client.get("/schools/100001/").content.decode()
    assert '64.50 <span class="badge text-bg-warning">provisional</span>' in page


def test_a_figure_out_of_range_or_another_year_is_refused_and_the_form_kept(client_for, head_a):
    client = client_for(head_a)

    refused = client.post(
        headlines_url(),
        {"year": label(this_year() - 1), RWM: "140", Measure.KS2_MATHS_SCORE: "104"},
    )

    shown = refused.content.decode()
    assert refused.status_code == 400
    assert "Ensure this value is less than or equal to 100" in shown
    assert f"for the year just ended, {label(this_year())}, not {label(this_year() - 1)}" in shown
    assert 'value="140"' in shown and 'value="104"' in shown
    assert not Figure.objects.exists()


def test_a_head_cannot_overwrite_the_dfes_final_figure(client_for, head_a, school_a):
    Figure.objects.create(school=school_a, year=this_year(), measure=RWM, value=Decimal(61))
    client = client_for(head_a)

    shown = client.get(headlines_url()).content.decode()
    response = client.post(headlines_url(), {"year": label(this_year()), RWM: "80"})

    assert "The DfE's final figures are held for" in shown
    assert rwm(year=this_year()).value == 61 and not rwm(year=this_year()).provisional
    assert response.status_code == 302  # the final measure is not asked for at all


def test_only_the_schools_own_head_enters_its_headlines(client_for, head_b, director, school_a):
    assert client_for(head_b).get(headlines_url()).status_code == 404
    assert client_for(director).get(headlines_url()).status_code == 404


def test_the_pack_marks_provisional_figures_and_benchmarks(school_a):
    Figure.objects.create(school=school_a, year=YEAR - 1, measure=RWM, value=Decimal(64))
    Figure.objects.create(school=school_a, year=YEAR, measure=RWM, value=70, provisional=True)
    for area, value in ((Area.LA, 66), (Area.ENGLAND, 61)):
        Figure.objects.create(
            area=area, la_code=211 if area == Area.LA else None, year=YEAR, measure=RWM,
            value=Decimal(value), provisional=True,
        )  # fmt: skip

    text = pdf_text(render_data_pack(school_a, YEAR))

    assert "Data headlines, 2023-24 (provisional)" in text
    assert "KS2 reading, writing and maths: expected standard (%) Provisional: LA, England" in text
    assert "70 (provisional)" in text
    assert "Figures marked provisional are from the DfE's provisional release" in text


def test_the_service_refuses_a_figure_over_a_final_one_and_changes_nothing(school_a, head_a):
    from django.core.exceptions import ValidationError

    from outcomes.services import headlines_enter

    Figure.objects.create(school=school_a, year=2025, measure=RWM, value=Decimal(61))

    with pytest.raises(ValidationError, match="final figures for 2025-26 are held"):
        headlines_enter(
            school=school_a,
            year=2025,
            figures={RWM: Decimal(80), Measure.KS2_MATHS_SCORE: Decimal(104)},
            by=head_a,
        )
    assert list(Figure.objects.values_list("measure", "value")) == [(RWM, 61)]


def test_the_office_marks_an_upload_provisional_in_the_admin(client_for, office_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thep.models import ImportJob

    office = client_for(office_admin)
    form = office.get("/admin/thep/importjob/upload/performance/").content.decode()
    assert "Provisional figures" in form

    response = office.post(
        "/admin/thep/importjob/upload/performance/",
        {
            "file": SimpleUploadedFile("england_ks2provisional.csv", KS2.read_bytes()),
            "kind": "ks2",
            "year": "2023-24",
            "provisional": "on",
        },
    )

    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.options == {"kind": "ks2", "year": YEAR, "provisional": True}


def test_the_lcs_diagnostic_marks_provisional_figures(school_a, client_for, lc_a):
    from tests.improvement.test_diagnostic_figures import diagnostic_page

    Figure.objects.create(
        school=school_a, year=2024, measure=RWM, value=Decimal(66), provisional=True
    )

    assert "66 provisional (" in diagnostic_page(client_for(lc_a), school_a, lc_a)


def test_the_kpis_mark_a_benchmark_worked_out_from_provisional_figures(dfe_schools, director):
    from reports.kpis import kpi_figures

    performance_import(source=KS2, kind="ks2", year=YEAR, provisional=True)

    attainment = kpi_figures(user=director, year=YEAR)["performance"]["attainment"]
    row = attainment["ks2_rwm_expected_all"]
    assert (row["year"], row["la"], row["provisional"]) == ("2023-24", "66.00", True)


def test_a_nursery_has_no_headlines_to_enter(client_for, head_a, school_a):
    school_a.phase = "nursery"
    school_a.save()

    page = client_for(head_a).get(headlines_url()).content.decode()

    assert "no headline figures to enter" in page and "<form" not in page.split("<main")[-1]


def test_a_secondarys_head_enters_gcse_and_a_level_headlines(client_for, head_a, school_a):
    school_a.phase = "secondary"
    school_a.save()
    client = client_for(head_a)

    form = client.get(headlines_url()).content.decode()
    saved = client.post(
        headlines_url(),
        {"year": label(this_year()), Measure.KS4_ATTAINMENT8: "48.2", Measure.KS5_ALEVEL_APS: "33"},
    )

    assert "KS2 reading" not in form and "KS5 A level average point score per entry" in form
    assert saved.status_code == 302
    held = dict(Figure.objects.values_list("measure", "value"))
    assert held == {Measure.KS4_ATTAINMENT8: Decimal("48.2"), Measure.KS5_ALEVEL_APS: 33}
