from django import forms

from membership.models import School
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


class DataPackForm(forms.Form):
    """A director's request for data packs: one school's, or every school's at once."""

    school: forms.ModelChoiceField = forms.ModelChoiceField(
        label="School",
        queryset=School.objects.none(),
        required=False,
        empty_label="Every school (one pack each)",
    )
    year = YearField(
        label="Results up to", max_length=7, help_text="The latest academic year, like 2023-24."
    )

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
