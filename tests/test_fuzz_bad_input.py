"""Bad input never gets a 500: every URL pattern, for several roles, with hostile values in
every query parameter the views read and in every field of the forms the pages show.

The paths and the cast come from the access matrix, so a new page is fuzzed as soon as it is
declared there."""

import re

import pytest
from django.test import Client

from tests.test_access_matrix import ADMIN_SAMPLES, ANON, MATRIX, cast  # noqa: F401 (a fixture)

ROLES = [ANON, "director", "head_a", "lc_a", "office_admin"]

BAD_VALUES = [
    "\x00", "9999-00", "0000-01", "abc", "-1", "99999999999", "31/12/9999", "x" * 5000,
    "9999-12-31", "1-\x00",
]  # fmt: skip

# The query parameters read anywhere in the project (grep `request.GET`), and the filters of
# the lists and the admin.
PARAMETERS = [
    "year", "page", "q", "phase", "kind", "type", "level", "since", "term", "audience",
    "action_id", "form", "next", "o", "p", "e", "school", "la_code__exact", "attended",
]  # fmt: skip

# A few admin pages with forms of numbers and dates, besides the matrix's samples.
ADMIN_FORMS = [
    "/admin/membership/school/add/",
    "/admin/membership/feerate/add/",
    "/admin/membership/pupilcount/add/",
    "/admin/learning/event/add/",
    "/admin/ofsted/inspection/add/",
]

_FIELD_NAME = re.compile(rb'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


def _bad_value(seed: int) -> str:
    return BAD_VALUES[seed % len(BAD_VALUES)]


def _form_fields(response) -> list[str]:
    if response.status_code != 200 or b"<form" not in response.content:
        return []
    names = {name.decode() for name in _FIELD_NAME.findall(response.content)}
    return sorted(names - {"csrfmiddlewaretoken"})


def _check(response, what: str) -> None:
    assert response.status_code != 500, what


NAMES = sorted(MATRIX)


@pytest.mark.parametrize("name", NAMES)
def test_bad_input_is_never_a_server_error(name, cast):  # noqa: F811 (the fixture)
    paths = [MATRIX[name].path(cast)]
    if name == "admin:*":
        samples = [*ADMIN_SAMPLES, *ADMIN_FORMS]
        paths = [path if isinstance(path, str) else path(cast) for path in samples]
    # One value a role in the query and another in the forms, turning with the URL, so that
    # every value meets every page's parameters across the roles in about a minute.
    start = NAMES.index(name)
    for index, who in enumerate(ROLES):
        client = Client(raise_request_exception=False)
        if who != ANON:
            client.force_login(cast[who])
        seed = start + 2 * index
        for path in paths:
            if index == 1:
                _check(client.get(path + "%00"), f"{who}: GET {path}%00")
            value = _bad_value(seed)
            query = dict.fromkeys(PARAMETERS, value)
            _check(client.get(path, query), f"{who}: GET {path} with {value[:20]!r}")
            fields = _form_fields(client.get(path))
            if fields:
                value = _bad_value(seed + 1)
                data = dict.fromkeys(fields, value)
                _check(client.post(path, data), f"{who}: POST {path} with {value[:20]!r}")
