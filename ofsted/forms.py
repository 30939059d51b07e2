import datetime

from django import forms
from django.utils import timezone

from thep.widgets import DatePicker

MOST_YEARS_AHEAD = 10


class WindowOverrideForm(forms.Form):
    due_by = forms.DateField(
        label="Expected by",
        widget=DatePicker(),
        help_text="The day by which the next inspection is now expected.",
    )
    note = forms.CharField(
        label="Why the computed window does not apply",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean_due_by(self) -> datetime.date:
        due_by = self.cleaned_data["due_by"]
        if due_by.year < 2000:
            raise forms.ValidationError("Give a date from 2000 onwards.")
        # Ofsted inspects every few years; a date further off than this is a slip.
        if due_by.year > timezone.localdate().year + MOST_YEARS_AHEAD:
            raise forms.ValidationError(f"Give a date at most {MOST_YEARS_AHEAD} years from now.")
        return due_by
