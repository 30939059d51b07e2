from typing import cast

from django import forms
from django.db.models import QuerySet

from coaching.models import Mode
from membership.models import Affiliation
from thep import years
from thep.models import User
from thep.widgets import DatePicker, LongSelect


class SessionForm(forms.Form):
    """When and where a session is. There is deliberately nowhere to write what it is about."""

    date = forms.DateField(label="Date", widget=DatePicker())
    start_time = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}))
    mode = forms.ChoiceField(label="How", choices=Mode.choices, initial=Mode.ONLINE)
    place = forms.CharField(
        label="Place (face to face only)",
        max_length=120,
        required=False,
        help_text="Where you meet, e.g. the school or a THE Partnership office.",
    )


class _HeadChoices(forms.models.ModelChoiceIterator):
    """Each head's name (as `User.get_full_name` gives it, or their email) and school, read as
    plain values: a thousand heads read as rows of three models took most of the page's time."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, first, last, email, school in self.queryset.values_list(
            "pk", "person__first_name", "person__last_name", "person__email", "school__name"
        ):
            yield (pk, f"{f'{first} {last}'.strip() or email}, {school}")


class HeadChoiceField(forms.ModelChoiceField):
    iterator = _HeadChoices


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.email


class AllocateForm(forms.Form):
    """A director allocates a coach to a head (of one school) for a year."""

    head = HeadChoiceField(label="Head", queryset=Affiliation.objects.none(), widget=LongSelect)
    coach = CoachChoiceField(label="Coach", queryset=User.objects.none())

    def __init__(
        self, *args, heads: QuerySet[Affiliation], coaches: QuerySet[User], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(HeadChoiceField, self.fields["head"]).queryset = heads
        cast(CoachChoiceField, self.fields["coach"]).queryset = coaches


def year_asked(text: str) -> tuple[int, str]:
    """The year a page is asked for (`?year=2025-26`), or this year with what was wrong."""
    if not text:
        return years.current(), ""
    try:
        return years.parse(text), ""
    except ValueError as wrong:
        return years.current(), f"{wrong} Showing {years.label(years.current())}."
