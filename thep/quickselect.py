"""A select for long lists of choices (schools, people): its options are written here rather
than through Django's template for each option, which for a few hundred took most of a page's
time."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

SELECTED = format_html(" {}", "selected")


class QuickSelect(forms.Select):
    """The same HTML as `forms.Select`, without option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), SELECTED if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        attributes = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(attributes), options)
