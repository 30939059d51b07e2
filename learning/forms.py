import datetime
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from learning.models import NEEDS_LENGTH, Audience, EventPhase, Kind, Subject
from learning.selectors import TERMS, KnownPerson
from learning.services import Delegate
from membership.models import School
from thep import ranges, years


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
        label="Phase",
        choices=[("", "Any phase")]
        + [(value, label) for value, label in EventPhase.choices if value != EventPhase.ALL],
        required=False,
        help_text="With the events for all phases.",
    )
    subject = forms.ChoiceField(
        label="Subject", choices=[("", "Any subject"), *Subject.choices], required=False
    )
    term = forms.ChoiceField(
        label="Term",
        choices=[("", "Any term"), *((key, label) for key, (label, _) in TERMS.items())],
        required=False,
    )
    year = forms.TypedChoiceField(
        label="When", coerce=int, empty_value=None, required=False, choices=[]
    )
    price = forms.TypedChoiceField(
        label="Member price",
        coerce=Decimal,
        empty_value=None,
        choices=[
            ("", "Any price"), ("0", "Free to members"), ("50", "Up to £50"),
            ("100", "Up to £100"), ("250", "Up to £250"), ("500", "Up to £500"),
        ],
        required=False,
    )  # fmt: skip
    places_left = forms.BooleanField(label="Only with places left", required=False)

    def __init__(self, *args, years: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", "Coming up"), *years]


class BookingForm(forms.Form):
    """The order's school (asked only of people who book for several) and the people ticked
    from those the school knows; the delegates themselves are `DelegateFormSet`'s rows."""

    school = forms.ModelChoiceField(queryset=School.objects.none(), label="School")
    known = forms.MultipleChoiceField(
        label="People your school knows",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(
        self, *args, schools: QuerySet[School], known: list[KnownPerson], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[School]", self.fields["school"]).queryset = schools
        first_two = list(schools[:2])
        # One school (most people): nothing to choose, so the question is not asked.
        self.only_school = first_two[0] if len(first_two) == 1 else None
        if self.only_school:
            del self.fields["school"]
        self.known_people = {person.email: person for person in known}
        cast(forms.MultipleChoiceField, self.fields["known"]).choices = [
            (person.email, f"{person.name} ({person.email})") for person in known
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Django's clean returns, typed without its None
        if self.only_school:
            data["school"] = self.only_school
        return data

    def ticked(self) -> list[KnownPerson]:
        """The people ticked, read whether or not the form is valid."""
        if not self.is_bound:
            return []
        emails = self["known"].value() or []
        return [self.known_people[email] for email in emails if email in self.known_people]


class DelegateForm(forms.Form):
    """One delegate's row; a row left empty is no delegate."""

    name = forms.CharField(label="Name", max_length=200, required=False)
    # The page says once what the email is for and who sees the needs.
    email = forms.EmailField(label="Email", required=False)
    access_needs = forms.CharField(label="Access needs", max_length=NEEDS_LENGTH, required=False)
    dietary_needs = forms.CharField(label="Dietary needs", max_length=NEEDS_LENGTH, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.is_blank():
            return data
        if not data.get("name", "").strip():
            self.add_error("name", "Give the delegate's name.")
        if not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Give the delegate's email address.")
        return data

    def is_blank(self) -> bool:
        return not any(str(self[field].value() or "").strip() for field in self.fields)

    def row(self) -> dict[str, str]:
        """What was typed, valid or not, to show again."""
        return {field: str(self[field].value() or "") for field in self.fields}

    def delegate(self) -> Delegate:
        data = self.cleaned_data
        return Delegate(
            name=data["name"], email=data["email"],
            access_needs=data["access_needs"], dietary_needs=data["dietary_needs"],
        )  # fmt: skip


DelegateFormSet = forms.formset_factory(DelegateForm, extra=0, max_num=ranges.PLACES[1])


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
