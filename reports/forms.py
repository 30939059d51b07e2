from django import forms
from django.db.models import QuerySet

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
    """A director's request for data packs: one school's, by its URN, or every school's."""

    urn = forms.IntegerField(
        label="School's URN",
        required=False,
        min_value=1,
        help_text="Leave it blank to make a pack for every school at once.",
    )
    year = YearField(
        label="Results up to", max_length=7, help_text="The latest academic year, like 2023-24."
    )

    def __init__(self, *args, schools: QuerySet[School], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.schools = schools

    def clean_urn(self) -> School | None:
        urn = self.cleaned_data["urn"]
        if urn is None:
            return None
        school = self.schools.filter(urn=urn).first()
        if school is None:
            raise forms.ValidationError(
                f"No school with URN {urn} gets a data pack: packs are for the borough's "
                "LA-maintained schools and this year's members."
            )
        return school
