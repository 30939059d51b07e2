import datetime

from membership.gias import gias_import
from membership.models import School
from membership.selectors import members_by_phase
from reports.council import council_figures
from tests.factories import SchoolFactory
from tests.membership.test_import_gias import FIXTURE


def test_open_during_counts_the_schools_open_on_any_day_of_the_year(db):
    SchoolFactory(urn=200001, name="Always open")
    SchoolFactory(urn=200002, name="Opens 2018", opened_on=datetime.date(2018, 9, 1))
    SchoolFactory(
        urn=200003, name="Closes 2017", closed_on=datetime.date(2017, 8, 31), is_open=False
    )
    SchoolFactory(
        urn=200004,
        name="Open 2017 to January 2019",
        opened_on=datetime.date(2017, 9, 1),
        closed_on=datetime.date(2019, 1, 31),
        is_open=False,
    )
    SchoolFactory(urn=200005, name="Closed, dates unknown", is_open=False)

    def open_in(year: int) -> set[str]:
        return set(School.objects.open_during(year).values_list("name", flat=True))

    assert open_in(2016) == {"Always open", "Closes 2017"}
    assert open_in(2017) == {"Always open", "Open 2017 to January 2019"}
    assert open_in(2018) == {"Always open", "Opens 2018", "Open 2017 to January 2019"}
    assert open_in(2019) == {"Always open", "Opens 2018"}


def test_kpi_school_counts_of_past_years_use_the_gias_dates(director):
    gias_import(source=FIXTURE)

    def schools(year: int) -> dict[str, int]:
        return {row.group: row.schools for row in members_by_phase(user=director, year=year)}

    # By hand from the fixture: Old Ford closed on 31 August 2017; the Cafés academy and
    # Mulberry UTC opened in September 2017, the sixth form academy in September 2019.
    assert schools(2016)["Primary"] == 2  # Bonner, Old Ford
    assert schools(2017)["Primary"] == 2  # Bonner, Cafés
    secondary = {year: schools(year)["Secondary"] for year in (2016, 2017, 2019)}
    # Secondaries with all-through and alternative provision (as THEP's tables group them):
    # St Paul's Way, the PRU, the AP free school (2015) and Canary Wharf (2016), then Mulberry
    # UTC (2017), then the sixth form academy (2019).
    assert secondary == {2016: 4, 2017: 5, 2019: 6}


def test_the_council_report_lists_the_schools_open_in_its_year(la_officer):
    gias_import(source=FIXTURE)

    def counted(year: int) -> int:
        figures = council_figures(user=la_officer, year=year, today=datetime.date(2026, 1, 1))
        return sum(row["schools"] for row in figures["ofsted"])

    # Old Ford still open in 2016-17; the academy, the UTC, the special academy (April 2018)
    # and the sixth form academy not open yet. In 2019-20, every school but Old Ford.
    assert counted(2016) == 12 - 4
    assert counted(2019) == 12 - 1
