"""The accessibility check the journeys call on every page finds what it is there to find."""

import pytest

PAGE = """<!doctype html><html lang="en"><head><title>Check</title></head><body><main>
<h1>Book a place</h1><form><input type="text" name="email"></form></main></body></html>"""


def test_the_check_fails_a_page_with_a_field_nobody_can_name(page, accessible):
    page.set_content(PAGE)
    with pytest.raises(AssertionError, match="label"):
        accessible(page)


def test_the_check_passes_the_same_page_once_the_field_is_labelled(page, accessible):
    page.set_content(PAGE.replace("<input", '<label for="e">Email</label><input id="e"'))
    accessible(page)
