"""A window override far in the future is refused, and one already stored (31/12/9999, saved
before the form refused it) no longer breaks the Ofsted pages: the date arithmetic is safe."""

import datetime

import pytest

from ofsted.models import WindowOverride
from tests.ofsted.test_school_page import history  # noqa: F401 (a fixture)


@pytest.mark.parametrize("due_by", ["9999-12-31", "31/12/9999", "1999-12-31"])
def test_override_out_of_range_is_refused_with_a_message(history, client_for, director, due_by):  # noqa: F811
    response = client_for(director).post(
        f"/ofsted/schools/{history.urn}/window/", {"due_by": due_by, "note": "A slip."}
    )

    assert response.status_code == 400
    assert not WindowOverride.objects.exists()


def test_a_far_override_already_stored_breaks_no_page(history, client_for, director, head_a):  # noqa: F811
    WindowOverride.objects.create(
        school=history, due_by=datetime.date(9999, 12, 31), note="A slip.", set_by=director
    )

    for person in (director, head_a):
        client = client_for(person)
        assert client.get(f"/ofsted/schools/{history.urn}/").status_code == 200
        assert client.get("/ofsted/").status_code in (200, 404)
    assert client_for(director).get("/ofsted/").status_code == 200
