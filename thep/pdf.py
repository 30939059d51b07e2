"""PDFs from HTML with WeasyPrint, which reads the portal's own static files and nothing else.

WeasyPrint's own fetcher follows any URL it meets: an image on another host (a request from
inside our network), `file:///etc/passwd` as an attachment embedded in the PDF. Text that people
type is escaped in templates, so this is the second wall, not the first (ASVS 12.6.1, 12.3.1)."""

import logging
import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils._os import safe_join

logger = logging.getLogger(__name__)

# Relative links in a template (`{% static %}` gives /static/...) are read against this origin.
# `.invalid` never resolves (RFC 2606): the fetcher answers it from the static files itself.
BASE_URL = "https://portal.invalid/"


def static_roots() -> list[Path]:
    """The folders static files come from: the project's, each app's and collectstatic's."""
    folders = [Path(folder) for folder in settings.STATICFILES_DIRS]
    folders += [Path(app.path) / "static" for app in apps.get_app_configs()]
    folders.append(Path(settings.STATIC_ROOT))
    return [folder.resolve() for folder in folders]


def static_file(url: str) -> Path | None:
    """The static file a URL names, or None if it names anything else."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path)).resolve()
        inside = any(path.is_relative_to(root) for root in static_roots())
        return path if inside and path.is_file() else None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
        return None
    name = unquote(parts.path.removeprefix(prefix))
    try:
        # collectstatic's copy in production (hashed names), else the source files.
        collected = Path(safe_join(settings.STATIC_ROOT, name))
        if collected.is_file():
            return collected
        found = finders.find(name)
    except SuspiciousFileOperation:  # `..` out of the folder
        return None
    return Path(found) if found else None


@cache
def url_fetcher_class() -> type:
    """Defined on first use, so that importing this module does not load WeasyPrint (and with
    it Pango and the fonts) in every web process."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_file(url)
            if path is None:
                logger.warning("PDF refused to fetch %s: not one of the portal's static files", url)
                # WeasyPrint leaves the image or stylesheet out and goes on.
                raise ValueError(f"not a static file: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticOnlyFetcher


def render_pdf(html: str, *, stylesheets: list[Path]) -> bytes:
    """The HTML as a PDF. The stylesheets are the portal's own files, read as they are; anything
    they or the HTML link to must be a static file."""
    from weasyprint import CSS, HTML

    fetcher = url_fetcher_class()()
    styles = [CSS(filename=str(path), url_fetcher=fetcher) for path in stylesheets]
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(stylesheets=styles)
