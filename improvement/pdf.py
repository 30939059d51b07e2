from pathlib import Path

from django.template.loader import render_to_string

from improvement.models import REPORT_FIELDS, Allocation, Report
from thep.pdf import render_pdf

STYLESHEET = Path(__file__).with_name("letter_pdf.css")
REPORT_STYLESHEET = Path(__file__).with_name("report_pdf.css")


def render_letter_pdf(allocation: Allocation) -> bytes:
    """The allocation letter to the head as a PDF. Pure: reads, writes nothing."""
    html = render_to_string("improvement/letter_pdf.html", {"allocation": allocation})
    return render_pdf(html, stylesheets=[STYLESHEET])


def render_report_pdf(report: Report) -> bytes:
    """A visit report in THEP's template (seed 003, Appendix 2): the visit's details, then the
    template's headings in its order. Pure: the caller has checked who may read it."""
    fields = [
        {"name": name, "label": label, "text": getattr(report, name)}
        for name, label in REPORT_FIELDS.items()
    ]
    html = render_to_string(
        "improvement/report_pdf.html", {"report": report, "visit": report.visit, "fields": fields}
    )
    return render_pdf(html, stylesheets=[REPORT_STYLESHEET])
