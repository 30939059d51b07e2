from django import forms
from django.db.models import QuerySet

from membership.models import School
from reports.models import PERCENTAGES, Kind, Outcome
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


class OptionalYearField(forms.CharField):
    """A membership year like 2016-17, or nothing."""

    def clean(self, value: str) -> int | None:
        text = super().clean(value).strip()
        if not text:
            return None
        try:
            return years.parse(text)
        except ValueError as bad:
            raise forms.ValidationError(str(bad)) from bad


class OutcomeForm(forms.ModelForm):
    """The baseline and target of an outcome, as set with members."""

    baseline_year = OptionalYearField(
        label="Baseline year", required=False, max_length=7, help_text="Like 2016-17."
    )
    target_year = OptionalYearField(
        label="Target year", required=False, max_length=7, help_text="Like 2021-22; optional."
    )

    class Meta:
        model = Outcome
        fields = ["baseline_year", "baseline", "target_year", "target"]
        labels = {"baseline": "Baseline value", "target": "Target value"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("baseline_year", "target_year"):
            year = getattr(self.instance, name)
            if not self.is_bound and year is not None:
                self.initial[name] = years.label(year)

    def clean(self) -> dict:
        data = super().clean() or {}
        baseline, baseline_year = data.get("baseline"), data.get("baseline_year")
        target, target_year = data.get("target"), data.get("target_year")
        if self.errors:
            return data
        if (baseline is None) != (baseline_year is None):
            raise forms.ValidationError("Give the baseline's year and its value together.")
        if target is not None and baseline is None:
            raise forms.ValidationError("Set the baseline before the target.")
        if target_year is not None and target is None:
            raise forms.ValidationError("Give the target's value as well as its year.")
        if target_year is not None and baseline_year is not None and target_year <= baseline_year:
            raise forms.ValidationError("The target year must come after the baseline year.")
        if self.instance.measure in PERCENTAGES:
            for name, value in (("baseline", baseline), ("target", target)):
                if value is not None and not 0 <= value <= 100:
                    self.add_error(name, "This outcome is a percentage: give 0 to 100.")
        if baseline is not None and target is not None:
            worse = target < baseline if self.instance.higher_is_better else target > baseline
            if worse:
                better = "higher" if self.instance.higher_is_better else "lower"
                self.add_error(
                    "target",
                    f"A {better} value is better for this outcome, so the target cannot be "
                    f"{'below' if better == 'higher' else 'above'} the baseline ({baseline}).",
                )
        return data


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
