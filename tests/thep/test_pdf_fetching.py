"""PDFs read the portal's own static files and nothing else: no network, no other file."""

import base64
import importlib
import inspect
import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.apps import apps
from PIL import Image
from pypdf import PdfReader

from thep.pdf import render_pdf


def png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8), "red").save(path)
    return path


def images_in(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def static_folder(settings, tmp_path) -> Path:
    folder = tmp_path / "static"
    settings.STATICFILES_DIRS = [folder]
    png(folder / "img" / "logo.png")
    return folder


@pytest.fixture
def web_server():
    """A server on this machine that counts the requests it gets."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            buffer = io.BytesIO()
            Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
            self.wfile.write(buffer.getvalue())

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", asked
    server.shutdown()


def test_a_static_image_is_drawn(static_folder):
    assert images_in(render_pdf('<img src="/static/img/logo.png">', stylesheets=[])) == 1


def test_a_static_image_by_its_file_path_is_drawn(static_folder):
    path = (static_folder / "img" / "logo.png").as_uri()
    assert images_in(render_pdf(f'<img src="{path}">', stylesheets=[])) == 1


def test_an_image_on_the_network_is_never_requested(static_folder, web_server):
    address, asked = web_server
    pdf = render_pdf(f'<p>Logo</p><img src="{address}/logo.png">', stylesheets=[])
    assert asked == []
    assert images_in(pdf) == 0
    assert "Logo" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_stylesheet_cannot_reach_the_network(static_folder, web_server, tmp_path):
    address, asked = web_server
    css = tmp_path / "style.css"
    css.write_text(f'body {{ background: url("{address}/bg.png"); }}')
    render_pdf("<p>Invoice</p>", stylesheets=[css])
    assert asked == []


def test_no_file_outside_the_static_files_is_read(static_folder, tmp_path):
    outside = png(tmp_path / "private" / "photo.png")
    html = (
        '<link rel="attachment" href="file:///etc/passwd">'
        f'<img src="{outside.as_uri()}">'
        '<img src="/static/%2E%2E/private/photo.png">'
        '<img src="/static/../private/photo.png">'
    )
    reader = PdfReader(io.BytesIO(render_pdf(html, stylesheets=[])))
    assert reader.attachments == {}
    assert sum(len(page.images) for page in reader.pages) == 0


def test_data_uris_are_drawn():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    assert images_in(render_pdf(f'<img src="{uri}">', stylesheets=[])) == 1


def renderer_cases(director) -> dict:
    """Each PDF the portal makes: the template it renders, and a call that makes it."""
    from improvement.pdf import render_letter_pdf, render_report_pdf
    from learning.pdf import render_brochure_pdf, render_certificate_pdf
    from membership.models import CreditNote, Invoice
    from membership.pdf import render_credit_note_pdf, render_invoice_pdf
    from reports.kpis import kpi_figures
    from reports.pdf import render_annual_pdf, render_council_pdf, render_kpi_pdf
    from tests.factories import AllocationFactory
    from tests.improvement.factories import ReportFactory
    from tests.learning.factories import BookingFactory

    figures = kpi_figures(user=director, year=2017)
    return {
        "improvement.pdf.render_letter_pdf": (
            "improvement/letter_pdf.html",
            lambda: render_letter_pdf(AllocationFactory()),
        ),
        "improvement.pdf.render_report_pdf": (
            "improvement/report_pdf.html",
            lambda: render_report_pdf(ReportFactory()),
        ),
        "learning.pdf.render_certificate_pdf": (
            "learning/certificate_pdf.html",
            lambda: render_certificate_pdf(BookingFactory()),
        ),
        "learning.pdf.render_brochure_pdf": (
            "learning/brochure_pdf.html",
            lambda: render_brochure_pdf(year=2017, term_label="Autumn term", events=[]),
        ),
        "membership.pdf.render_invoice_pdf": (
            "membership/invoice_pdf.html",
            lambda: render_invoice_pdf(Invoice()),
        ),
        "membership.pdf.render_credit_note_pdf": (
            "membership/credit_note_pdf.html",
            lambda: render_credit_note_pdf(CreditNote(invoice=Invoice(), number=1)),
        ),
        "reports.pdf.render_kpi_pdf": ("reports/kpi_pdf.html", lambda: render_kpi_pdf(figures)),
        "reports.pdf.render_annual_pdf": (
            "reports/annual_pdf.html",
            lambda: render_annual_pdf(figures, "Foreword"),
        ),
        "reports.pdf.render_council_pdf": (
            "reports/council_pdf.html",
            lambda: render_council_pdf({}),
        ),
    }


def pdf_renderers() -> set[str]:
    """Every `render_*_pdf` function of an app's `pdf` module."""
    found = set()
    for app in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app.name}.pdf")
        except ModuleNotFoundError:
            continue
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if re.fullmatch(r"render_\w+_pdf", name) and function.__module__ == module.__name__:
                found.add(f"{module.__name__}.{name}")
    return found


@pytest.mark.django_db
def test_every_pdf_the_portal_makes_goes_through_thep_pdf(
    settings, tmp_path, static_folder, web_server, director
):
    """Each renderer's template is swapped for one that links outside: going through
    thep.pdf, the PDF is made and nothing outside is fetched."""
    address, asked = web_server
    cases = renderer_cases(director)
    assert set(cases) == pdf_renderers(), "a new PDF renderer needs a case here"
    templates = tmp_path / "templates"
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [templates, *engine["DIRS"]]}]
    for name, (template, render) in cases.items():
        path = templates / template
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'<p>Made by {name}</p><img src="{address}/logo.png">'
            '<link rel="attachment" href="file:///etc/passwd">'
        )
        reader = PdfReader(io.BytesIO(render()))
        assert f"Made by {name}" in reader.pages[0].extract_text()
        assert reader.attachments == {}, name
        assert sum(len(page.images) for page in reader.pages) == 0, name
    assert asked == []
