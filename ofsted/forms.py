import datetime

from django import forms

from thep.widgets import DatePicker


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
        return due_by
