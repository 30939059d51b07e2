"""The comparative data analysis pack: a PDF per school of its published figures against the
LA, London and England, made by a worker, each version kept, for the school's head, its LC,
the directors and the office, and the LA for maintained schools; never any LC report's words."""

import io
import time
from decimal import Decimal

import pytest
from pypdf import PdfReader

from membership.models import SchoolType
from ofsted.models import Grade
from outcomes.models import Area, Figure, Group, Measure
from reports import packs
from reports.datapack import data_pack_context, render_data_pack
from reports.models import DataPack, Status
from tests.improvement.factories import ReportFactory, VisitFactory
from tests.ofsted.factories import InspectionFactory

RWM = Measure.KS2_RWM_EXPECTED
ABSENCE = Measure.ABSENCE_OVERALL
NONE = "\N{EN DASH}"  # a benchmark the files do not give


def pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def area(kind: str, year: int, measure: str, value: str, group: str = Group.ALL) -> Figure:
    return Figure.objects.create(
        area=kind,
        la_code=211 if kind == Area.LA else None,
        year=year,
        measure=measure,
        group=group,
        value=Decimal(value),
    )


@pytest.fixture
def figures(school_a):
    """Three years of Bonner's key stage 2 and absence, with the LA, London and England."""
    for year, school, la, london, england in (
        (2021, "58", "60", "62", "59"),
        (2022, "64", "61", "63", "60"),
        (2023, "71.5", "66", "67", "61"),
    ):
        Figure.objects.create(
            school=school_a, year=year, measure=RWM, value=Decimal(school), percentile=82,
            quintile=1,
        )  # fmt: skip
        area(Area.LA, year, RWM, la)
        area(Area.LONDON, year, RWM, london)
        area(Area.ENGLAND, year, RWM, england)
    Figure.objects.create(
        school=school_a, year=2023, measure=RWM, group=Group.DISADVANTAGED, value=Decimal("63")
    )
    area(Area.ENGLAND, 2023, RWM, "46", Group.DISADVANTAGED)
    Figure.objects.create(
        school=school_a,
        year=2023,
        measure=ABSENCE,
        not_published="suppressed: too few pupils to publish (SUPP)",
    )
    InspectionFactory(school=school_a, overall_effectiveness=Grade.OUTSTANDING)
    return school_a


@pytest.mark.django_db
def test_the_pack_carries_the_schools_figures_against_the_country(figures):
    text = pdf_text(render_data_pack(figures, 2023))

    assert "Comparative data analysis pack" in text and "Bonner Primary School" in text
    assert "Headlines, 2023-24" in text
    # School, members (none), LA, London, England, percentile, quintile.
    headline = "KS2 reading, writing and maths: expected standard (%) 71.50"
    assert f"{headline} {NONE} 66 67 61 82 1" in text
    assert "Not published: suppressed: too few pupils to publish (SUPP)" in text
    assert "Three-year trends" in text and "2021-22 2022-23 2023-24" in text
    assert "58 England 59" in text and "64 England 60" in text
    # All pupils 71.5, disadvantaged 63: a gap of 8.5; disadvantaged in England 46.
    assert "71.50 63 8.50 46" in text
    assert "Latest outcome: Outstanding" in text


@pytest.mark.django_db
def test_no_lc_report_words_go_in_the_pack(figures, lc_a):
    ReportFactory(
        visit=VisitFactory(school=figures, consultant=lc_a),
        summary="Governors worried about the roof.",
        strengths="Outstanding phonics leadership.",
        areas_for_development="Writing at greater depth.",
    )
    text = pdf_text(render_data_pack(figures, 2023))
    for words in ("roof", "phonics leadership", "greater depth", "Governors"):
        assert words not in text


def wait_until_finished(pack: DataPack) -> DataPack:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pack.refresh_from_db()
        if pack.status in (Status.DONE, Status.FAILED):
            return pack
        time.sleep(0.2)
    raise AssertionError(f"{pack} is still {pack.status}")


@pytest.mark.django_db(transaction=True)
def test_a_worker_makes_and_keeps_each_version(celery_worker, figures, director, client_for):
    first = wait_until_finished(packs.data_pack_request(school=figures, year=2023, by=director))
    assert first.status == Status.DONE, first.error
    assert first.seconds is not None and first.progress == 100
    client = client_for(director)
    client.post("/reports/packs/school/100001/", {"year": "2023-24"})
    second = wait_until_finished(DataPack.objects.get(school=figures, version=2))
    assert second.status == Status.DONE, second.error

    first.refresh_from_db()
    assert first.pdf.name and first.pdf.name != second.pdf.name
    assert first.pdf.storage.exists(first.pdf.name)
    page = client.get("/reports/packs/school/100001/").content.decode()
    assert f'href="/reports/packs/{second.pk}/download/">Download the latest pack' in page
    assert f"Download {first.filename}" in page  # the older version, still listed
    download = client.get(f"/reports/packs/{first.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert "71.50" in pdf_text(download.content)


@pytest.mark.django_db
def test_packs_for_every_school_queue_one_task_each(
    school_a, school_b, director, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    queued: list[int] = []
    monkeypatch.setattr("reports.tasks.make_data_pack.delay", queued.append)
    academy = school_b
    academy.school_type = SchoolType.ACADEMY
    academy.save()  # not a member: no pack
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(director).post("/reports/packs/", {"urn": "", "year": "2023-24"})
    assert response.status_code == 302
    made = DataPack.objects.filter(year=2023)
    assert [pack.school for pack in made] == [school_a]
    assert queued == [made[0].pk]


@pytest.mark.django_db
def test_a_school_without_a_pack_is_refused_with_the_reason(school_b, director, client_for):
    school_b.school_type = SchoolType.ACADEMY
    school_b.save()
    response = client_for(director).post("/reports/packs/", {"urn": "100002", "year": "2023-24"})
    assert response.status_code == 400
    assert "No school with URN 100002 gets a data pack" in response.content.decode()
    assert not DataPack.objects.exists()


@pytest.mark.django_db
def test_head_sees_only_their_schools_packs(figures, school_b, head_a, director, client_for):
    own = DataPack.objects.create(school=figures, year=2023, version=1, requested_by=director)
    other = DataPack.objects.create(school=school_b, year=2023, version=1, requested_by=director)
    client = client_for(head_a)
    assert client.get("/reports/packs/school/100001/").status_code == 200
    assert client.get("/reports/packs/school/100002/").status_code == 404
    assert client.get(f"/reports/packs/{own.pk}/").status_code == 200
    assert client.get(f"/reports/packs/{other.pk}/").status_code == 404
    assert client.get("/reports/packs/").status_code == 404
    assert "Data packs of Bonner Primary School" in client.get("/schools/100001/").content.decode()


@pytest.mark.django_db
def test_la_officer_sees_packs_of_maintained_schools_only(
    figures, school_b, la_officer, director, client_for
):
    maintained = DataPack.objects.create(
        school=figures, year=2023, version=1, requested_by=director
    )
    school_b.school_type = SchoolType.ACADEMY
    school_b.save()
    academy = DataPack.objects.create(school=school_b, year=2023, version=1, requested_by=director)
    client = client_for(la_officer)
    assert client.get(f"/reports/packs/{maintained.pk}/").status_code == 200
    assert client.get("/reports/packs/school/100001/").status_code == 200
    assert client.get(f"/reports/packs/{academy.pk}/").status_code == 404
    assert client.get("/reports/packs/school/100002/").status_code == 404
    assert "Data packs of" not in client.get("/schools/100002/").content.decode()


@pytest.mark.django_db
def test_the_lc_and_the_office_see_the_schools_packs(
    figures, lc_a, lc_other, office_admin, client_for
):
    for person, answer in ((lc_a, 200), (office_admin, 200), (lc_other, 404)):
        assert client_for(person).get("/reports/packs/school/100001/").status_code == answer


@pytest.mark.django_db
def test_a_pack_costs_a_few_queries_however_many_years_are_held(
    figures, django_assert_max_num_queries
):
    for year in range(2010, 2021):
        Figure.objects.create(school=figures, year=year, measure=RWM, value=Decimal("50"))
        area(Area.ENGLAND, year, RWM, "55")
    with django_assert_max_num_queries(8):
        context = data_pack_context(figures, 2023)
    assert [len(trend.cells) for trend in context["trends"]] == [3, 3]
