"""The reports as PDFs. Pure: each takes its figures and returns the bytes; storing them is
the task's job."""

from pathlib import Path

from django.template.loader import render_to_string

from reports.charts import membership_chart, ofsted_chart
from thep import years
from thep.pdf import render_pdf

STYLESHEET = Path(__file__).with_name("report_pdf.css")


def _pdf(template: str, context: dict) -> bytes:
    return render_pdf(render_to_string(template, context), stylesheets=[STYLESHEET])


def _kpi_context(figures: dict) -> dict:
    year = years.parse(figures["year"])
    return {
        "figures": figures,
        "previous_label": years.label(year - 1),
        "membership_chart": membership_chart(figures),
        "ofsted_chart": ofsted_chart(figures),
    }


def render_kpi_pdf(figures: dict) -> bytes:
    return _pdf("reports/kpi_pdf.html", _kpi_context(figures))


def render_annual_pdf(figures: dict, foreword: str) -> bytes:
    return _pdf("reports/annual_pdf.html", {**_kpi_context(figures), "foreword": foreword})


def render_council_pdf(figures: dict) -> bytes:
    return _pdf("reports/council_pdf.html", {"figures": figures})
