from decimal import Decimal

from django import forms

from outcomes.models import RANGES, Figure, Measure
from thep import years


class HeadlinesForm(forms.Form):
    """A school's headline figures for the year just ended, each in its measure's range; the
    measures the DfE's final file already gave are shown, not asked for."""

    year = forms.CharField(
        label="Academic year of the results", max_length=7, help_text="Like 2025-26."
    )

    def __init__(
        self, *args, measures: tuple[str, ...], year: int, held: list[Figure], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.expected_year = year
        self.initial.setdefault("year", years.label(year))
        self.final = {figure.measure: figure for figure in held if not figure.provisional}
        for measure in measures:
            if measure in self.final:
                continue
            low, high = RANGES[measure]
            self.fields[measure] = forms.DecimalField(
                label=Measure(measure).label,
                required=False,
                min_value=low,
                max_value=high,
                decimal_places=2,
                help_text=f"From {low} to {high}; leave blank if you have no figure.",
            )
        for figure in held:
            if figure.provisional and figure.measure in self.fields:
                self.initial.setdefault(figure.measure, figure.value)

    def clean_year(self) -> int:
        try:
            year = years.parse(self.cleaned_data["year"])
        except ValueError as bad:
            raise forms.ValidationError(str(bad)) from bad
        if year != self.expected_year:
            raise forms.ValidationError(
                f"Headline figures are entered for the year just ended, "
                f"{years.label(self.expected_year)}, not {years.label(year)}."
            )
        return year

    def figures(self) -> dict[str, Decimal | None]:
        return {name: value for name, value in self.cleaned_data.items() if name != "year"}
