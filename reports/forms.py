from django import forms

from reports.models import Kind
from thep import years


class YearField(forms.CharField):
    def clean(self, value: str) -> int:
        text = super().clean(value)
        try:
            return years.parse(text)
        except ValueError as bad:
            raise forms.ValidationError(str(bad)) from bad


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label="Report", choices=Kind.choices)
    year = YearField(label="Membership year", max_length=7, help_text="Like 2017-18.")


class ForewordForm(forms.Form):
    text = forms.CharField(label="Foreword", widget=forms.Textarea(attrs={"rows": 12}))
