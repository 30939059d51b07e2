"""Files that people download: a Content-Disposition that no file name can break out of."""

import unicodedata

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
