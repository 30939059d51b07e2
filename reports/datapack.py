"""A school's comparative data analysis pack as a PDF: its latest published figures against the
borough's members, its LA, London and England, three years of trends, the gap between all pupils
and disadvantaged pupils, and its latest Ofsted outcome. Published data only: nothing from any
LC's visit or report goes in. Pure: `render_data_pack` returns the bytes; storing them is the
task's (reports.packs)."""

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from membership.models import School
from ofsted.selectors import ofsted_for
from outcomes.models import Group, Measure
from outcomes.selectors import Benchmark, school_benchmarks, trends
from reports.charts import trend_chart
from reports.pdf import STYLESHEET
from thep import years
from thep.pdf import render_pdf

TREND_YEARS = 3


@dataclass(frozen=True)
class Gap:
    measure: str
    all_pupils: Benchmark
    disadvantaged: Benchmark

    @property
    def measure_label(self) -> str:
        return Measure(self.measure).label

    @property
    def gap(self) -> Decimal | None:
        """How far disadvantaged pupils are behind all pupils (negative: ahead), in the
        measure's own units; None when either figure was not published."""
        if self.all_pupils.value is None or self.disadvantaged.value is None:
            return None
        return self.all_pupils.value - self.disadvantaged.value


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def data_pack_context(school: School, year: int) -> dict:
    """What the pack shows for the three years to `year`; its headlines are of the latest of
    those years that has figures."""
    span = list(range(year - TREND_YEARS + 1, year + 1))
    held = school_benchmarks(school=school, years=span)
    latest = max(held) if held else None
    headlines = [row for row in held.get(latest, []) if row.group == Group.ALL] if latest else []
    all_pupils = [trend for trend in trends(held, span) if trend.group == Group.ALL]
    labels = [years.label(each) for each in span]
    series = [
        (
            trend.measure_label,
            labels,
            {
                "School": [_number(cell.value) if cell else None for cell in trend.cells],
                "LA": [_number(cell.la) if cell else None for cell in trend.cells],
                "England": [_number(cell.england) if cell else None for cell in trend.cells],
            },
        )
        for trend in all_pupils
        if any(cell and cell.value is not None for cell in trend.cells)
    ]
    latest_rows = {(row.measure, row.group): row for row in held.get(latest, [])} if latest else {}
    gaps = [
        Gap(measure, latest_rows[(measure, Group.ALL)], latest_rows[(measure, Group.DISADVANTAGED)])
        for measure in dict.fromkeys(measure for measure, _ in latest_rows)
        if (measure, Group.ALL) in latest_rows and (measure, Group.DISADVANTAGED) in latest_rows
    ]
    ofsted = ofsted_for(schools=[school], today=timezone.localdate())[0]
    return {
        "school": school,
        "year_label": years.label(year),
        "latest_label": years.label(latest) if latest else "",
        "year_labels": labels,
        "headlines": headlines,
        "trends": all_pupils,
        "trend_chart": trend_chart(series) if series else "",
        "trend_columns": min(len(series), 3),
        "gaps": gaps,
        "ofsted": ofsted,
        "provisional": any(
            row.provisional or row.provisional_benchmarks for rows in held.values() for row in rows
        ),
        "made_on": timezone.localdate(),
    }


def render_data_pack(school: School, year: int) -> bytes:
    html = render_to_string("reports/data_pack_pdf.html", data_pack_context(school, year))
    return render_pdf(html, stylesheets=[STYLESHEET])
