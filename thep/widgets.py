from django import forms


class DatePicker(forms.DateInput):
    """The browser's date picker. Its value is always written 2026-11-23, the one form
    <input type="date"> understands, so a date the form starts with is shown."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")
