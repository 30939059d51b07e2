"""The long select (thousands of options, written without the template engine) offers what
Django's own select offers: every choice, the chosen one selected, names escaped."""

from django import forms

from thep.widgets import LongSelect

CHOICES = [("", "Choose a head"), ("1", "Ann <Lee>"), ("2", "Bob & Co")]


def _options(widget: forms.Select, value: str) -> list[str]:
    html = widget.render("head", value, attrs={"id": "id_head"})
    return [part.split(">", 1)[1].split("<", 1)[0] for part in html.split("<option")[1:]]


def test_the_long_select_offers_every_choice_with_the_chosen_one_selected_and_names_escaped():
    html = LongSelect(choices=CHOICES).render("head", "2", attrs={"id": "id_head"})

    assert html.startswith('<select name="head" id="id_head">')
    assert '<option value="2" selected>Bob &amp; Co</option>' in html
    assert '<option value="1">Ann &lt;Lee&gt;</option>' in html
    assert html.count(" selected") == 1
    assert _options(LongSelect(choices=CHOICES), "2") == _options(
        forms.Select(choices=CHOICES), "2"
    )


def _selected(widget: forms.Select, value) -> list[str]:
    html = widget.render("head", value, attrs={"id": "id_head", "required": True})
    return [part.split('"', 2)[1] for part in html.split("<option")[1:] if " selected" in part]


def test_nothing_chosen_selects_the_empty_choice_as_djangos_select_does():
    for value in (None, "", "2", "9"):
        assert _selected(LongSelect(choices=CHOICES), value) == _selected(
            forms.Select(choices=CHOICES), value
        )
    assert " required" in LongSelect(choices=CHOICES).render("head", None, attrs={"required": True})
