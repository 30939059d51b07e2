from html import escape

from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class DatePicker(forms.DateInput):
    """The browser's date picker. Its value is always written 2026-11-23, the one form
    <input type="date"> understands, so a date the form starts with is shown."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class LongSelect(forms.Select):
    """A select of hundreds of options, written out here rather than by Django's templates and
    its option dictionaries: for a thousand options those took most of a page's time. The same
    markup as Django's select (its attributes, the first matching option selected), without
    option groups."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen, found = self.format_value(value), False
        options = []
        for choice, label in self.choices:
            text = "" if choice is None else str(choice)
            selected = not found and text in chosen
            found |= selected
            options.append(
                f'<option value="{escape(text)}"{" selected" if selected else ""}>'
                f"{escape(str(label))}</option>"
            )
        # Every value and label was escaped above.
        escaped = mark_safe("".join(options))  # noqa: S308  # nosec B308 B703
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, escaped)


class AutocompleteSelect(admin_widgets.AutocompleteSelect):
    """The admin's, showing a form again whose value is not a key (a date typed into the
    request) without a server error: Django's looks every value up, and the lookup fails."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._is_key(v)], attr)

    def _is_key(self, value) -> bool:
        try:
            self.field.target_field.to_python(value)
        except ValidationError:
            return False
        return True


class SafeAutocompleteMixin:
    """For a ModelAdmin with autocomplete_fields: the widget above in place of Django's."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = AutocompleteSelect(
                db_field,
                self.admin_site,  # type: ignore[attr-defined]
                using=kwargs.get("using"),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
