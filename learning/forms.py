import datetime
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from learning.models import Audience, EventPhase, Kind
from learning.selectors import TERMS
from membership.models import School
from thep import ranges, years
from thep.models import User


class CatalogueForm(forms.Form):
    """The catalogue's search and filters; anything it does not understand is ignored."""

    q = forms.CharField(label="Search", required=False)
    kind = forms.ChoiceField(
        label="Type", choices=[("", "All types"), *Kind.choices], required=False
    )
    audience = forms.ChoiceField(
        label="For", choices=[("", "Everyone"), *Audience.choices], required=False
    )
    phase = forms.ChoiceField(
        label="Phase", choices=[("", "All phases"), *EventPhase.choices], required=False
    )
    term = forms.ChoiceField(
        label="Term",
        choices=[("", "Any term"), *((key, label) for key, (label, _) in TERMS.items())],
        required=False,
    )
    year = forms.TypedChoiceField(
        label="When", coerce=int, empty_value=None, required=False, choices=[]
    )
    places_left = forms.BooleanField(label="Only with places left", required=False)

    def __init__(self, *args, years: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", "Coming up"), *years]


class BookingForm(forms.Form):
    school = forms.ModelChoiceField(queryset=School.objects.none(), label="School")
    who = forms.ChoiceField(
        label="Who is the place for?",
        choices=[("self", "Me"), ("colleague", "A colleague")],
        widget=forms.RadioSelect,
        initial="colleague",
    )
    delegate_name = forms.CharField(
        label="Colleague's name", max_length=200, required=False,
        help_text="Leave empty when booking for yourself.",
    )  # fmt: skip
    delegate_email = forms.EmailField(
        label="Colleague's email", required=False,
        help_text="The joining details and calendar file go to this address.",
    )  # fmt: skip

    def __init__(self, *args, user: User, schools: QuerySet[School], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        cast("forms.ModelChoiceField[School]", self.fields["school"]).queryset = schools
        first_two = list(schools[:2])
        # One school (most people): nothing to choose, so the question is not asked.
        self.only_school = first_two[0] if len(first_two) == 1 else None
        if self.only_school:
            del self.fields["school"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Django's clean returns, typed without its None
        if self.only_school:
            data["school"] = self.only_school
        if data.get("who") == "self":
            data["delegate_name"] = self.user.get_full_name() or self.user.email
            data["delegate_email"] = self.user.email
        elif data.get("who") == "colleague":
            if not data.get("delegate_name", "").strip():
                self.add_error("delegate_name", "Give your colleague's name.")
            if not data.get("delegate_email") and "delegate_email" not in self.errors:
                self.add_error("delegate_email", "Give your colleague's email address.")
        return data


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How useful was it?",
        coerce=int,
        choices=[
            (5, "5: excellent"), (4, "4: good"), (3, "3: satisfactory"), (2, "2: weak"),
            (1, "1: poor"),
        ],
        widget=forms.RadioSelect,
    )  # fmt: skip
    comments = forms.CharField(
        label="What will you do differently, and what could be better?",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )


class TermInvoicesForm(forms.Form):
    """The office's choice of the term whose places to invoice."""

    year = forms.TypedChoiceField(label="Membership year", coerce=int)
    term = forms.ChoiceField(
        label="Term", choices=[(key, label) for key, (label, _) in TERMS.items()]
    )

    def __init__(self, *args, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        this_year = years.year_of(today)
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            (year, years.label(year)) for year in range(this_year, this_year - 5, -1)
        ]
        self.fields["year"].initial = this_year
        self.fields["term"].initial = years.term_of(today)


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label="Why it is cancelled",
        max_length=300,
        help_text='Each delegate\'s email says this, e.g. "Too few places were booked."',
    )


class SwapForm(forms.Form):
    delegate_name = forms.CharField(label="New delegate's name", max_length=200)
    delegate_email = forms.EmailField(
        label="New delegate's email",
        help_text="The booking, with the joining details, goes to this address.",
    )


class EventPlacesForm(forms.Form):
    capacity = forms.IntegerField(
        label="Places",
        min_value=ranges.PLACES[0],
        max_value=ranges.PLACES[1],
        help_text="Not fewer than the places taken. New places are offered to those waiting, "
        "in the order they joined.",
    )
