"""A NUL character in an address or a form is answered 400, on the portal's own page; before,
PostgreSQL refused it and the person saw a server error (the calendar feed among others)."""

import pytest

from improvement.calendar import calendar_token


@pytest.mark.parametrize(
    "path", ["/schools/?q=%00", "/ofsted/?phase=a%00b", "/learning/?q=%00", "/schools/%00/"]
)
def test_nul_in_the_address_is_a_bad_request(client_for, director, path):
    assert client_for(director).get(path).status_code == 400


def test_nul_in_the_calendar_feed_is_a_bad_request(client, lc_a):
    token = calendar_token(lc_a)

    assert client.get(f"/improvement/calendar/{token}%00.ics").status_code == 400
    assert client.get("/improvement/calendar/not%2Ba%2Bkey.ics").status_code == 404


def test_nul_in_a_form_is_a_bad_request(client_for, director):
    response = client_for(director).post("/reports/foreword/", {"text": "Our year\x00"})

    assert response.status_code == 400
    assert "Something was wrong with the request" in response.text
