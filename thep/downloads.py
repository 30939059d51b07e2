"""Files that people download: a Content-Disposition that no file name can break out of, and
CSV cells that a spreadsheet will not run as formulas."""

import csv
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename


def safe_filename(name: str, *, default: str = "download") -> str:
    """The last part of a path, with letters, digits, `-`, `_` and `.` only, never starting with
    a dot: no folder, quote, semicolon or line break reaches the header or the person's disk."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1]
    try:
        cleaned = get_valid_filename(name).lstrip(".")
    except SuspiciousFileOperation:  # nothing left, or only dots
        return default
    return cleaned[-150:] or default


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # Quoted for ASCII names, RFC 6266 `filename*=utf-8''...` for others.
    response["Content-Disposition"] = content_disposition_header(True, safe_filename(filename))
    return response


# A cell starting with one of these is a formula to Excel or LibreOffice: a school or member name
# typed as `=HYPERLINK(...)` would run on the office's computer (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula, made plain text with a leading quote.
    Numbers stay numbers, so that negative amounts still add up."""
    if value is None or isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_download(*, filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    response = download(b"", filename=filename, content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return response
