from typing import cast

from django import forms
from django.db.models import Q, QuerySet

from improvement.models import (
    COMMENT_LENGTH,
    REPORT_FIELDS,
    ActionStatus,
    DiagnosticReview,
    InterventionGroup,
    Rating,
    Report,
    RiskArea,
)
from membership.models import School
from thep.models import Role, User
from thep.widgets import DatePicker

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class VisitTimeForm(forms.Form):
    """When a visit is, how long, and its focus: to move a visit."""

    date = forms.DateField(label="Date of visit", widget=DatePicker())
    start_time = forms.TimeField(label="Starts at", widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.TypedChoiceField(
        label="Length",
        coerce=int,
        choices=[(120, "2 hours"), (150, "2½ hours"), (180, "3 hours")],
        initial=150,
    )
    focus = forms.CharField(label="Focus", max_length=300)


class VisitForm(VisitTimeForm):
    """A new visit: the school, then when."""

    school = forms.ModelChoiceField(queryset=School.objects.none(), empty_label=None)
    field_order = ["school"]

    def __init__(self, *args, schools: QuerySet[School], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[School]", self.fields["school"]).queryset = schools


class ReportForm(forms.ModelForm):
    # The version of the report the form was filled from (Report.version).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Report
        fields = [*REPORT_FIELDS, "good_practice_theme"]
        widgets = dict.fromkeys(REPORT_FIELDS, TEXTAREA)


class CorrectionForm(ReportForm):
    reason = forms.CharField(label="Why this correction is needed", max_length=300)


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_LENGTH,
        error_messages={
            "required": "Write a comment before sending it.",
            "max_length": f"Keep your comment to {COMMENT_LENGTH} characters.",
        },
    )


class AnswerForm(CommentForm):
    """The LC's answer to one comment (`entry`) of the head's or note of a director's."""

    entry = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = "Your answer"
        self.fields["text"].error_messages["required"] = "Write your answer before sending it."


class SendBackForm(forms.Form):
    note = forms.CharField(
        label="Note to the LC: what should change",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_LENGTH,
        error_messages={
            "required": "Write a note saying what should change.",
            "max_length": f"Keep your note to {COMMENT_LENGTH} characters.",
        },
    )


class AgreementForm(forms.Form):
    """An agreement the head gave outside the portal, as a director records it."""

    agreed_by = forms.CharField(label="Who agreed the report", max_length=200)
    agreed_on = forms.DateField(label="On what day", widget=DatePicker())
    how = forms.CharField(
        label="How it was given",
        max_length=200,
        required=False,
        help_text="For example: by email to the LC, or at a meeting.",
    )


class HeadInviteForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(label="Email address", help_text="Where the invitation goes.")


class DiagnosticForm(forms.Form):
    """A rating and a note for each risk area, then the priorities and the plan. Nothing is
    required here: a draft may be partial, and `services.diagnostic_save` says what recording
    the review needs."""

    priorities = forms.CharField(
        label="Agreed priorities for the year", widget=TEXTAREA, required=False
    )
    later_visits = forms.CharField(
        label="Timing and focus of the later visits", widget=TEXTAREA, required=False
    )
    # The version of the review the form was filled from (DiagnosticReview.version).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, review: DiagnosticReview | None = None, **kwargs) -> None:
        if review is not None:
            kwargs["initial"] = {
                "priorities": review.priorities,
                "later_visits": review.later_visits,
                "version": review.version,
                **{f"{rating.area}_rating": rating.rating for rating in review.ratings.all()},
                **{f"{rating.area}_note": rating.note for rating in review.ratings.all()},
            }
        super().__init__(*args, **kwargs)
        for area, label in RiskArea.choices:
            self.fields[f"{area}_rating"] = forms.ChoiceField(
                label=f"{label}: rating", choices=[("", "Choose"), *Rating.choices], required=False
            )
            self.fields[f"{area}_note"] = forms.CharField(
                label=f"{label}: note", required=False, max_length=1000
            )

    def ratings(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {area: (data[f"{area}_rating"], data[f"{area}_note"]) for area in RiskArea.values}

    def area_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (label, self[f"{area}_rating"], self[f"{area}_note"])
            for area, label in RiskArea.choices
        ]


DATE = DatePicker()


class ReviewMeetingForm(forms.Form):
    held_on = forms.DateField(label="Date of the meeting", widget=DATE)
    attendees = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Directors and Local Authority officers with a portal login.",
    )
    other_attendees = forms.CharField(
        label="Other attendees", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, with their role.",
    )  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        attendees = cast("forms.ModelMultipleChoiceField[User]", self.fields["attendees"])
        attendees.queryset = User.objects.filter(
            is_active=True, role__in=(Role.DIRECTOR, Role.LA_OFFICER)
        ).order_by("last_name")


def review_group_people() -> QuerySet[User]:
    """Who may own a School Review Group action: its members on the portal."""
    return User.objects.filter(is_active=True, role__in=(Role.DIRECTOR, Role.LA_OFFICER)).order_by(
        "last_name", "first_name"
    )


class ReviewItemForm(forms.Form):
    school = forms.ModelChoiceField(queryset=School.objects.filter(is_open=True).order_by("name"))
    discussion = forms.CharField(label="Why the school was discussed", widget=TEXTAREA)
    actions = forms.CharField(label="Actions agreed", widget=TEXTAREA, required=False)
    owner = forms.ModelChoiceField(
        label="Who sees to the actions",
        queryset=User.objects.none(),
        required=False,
        help_text="A director or Local Authority officer: the actions reach their home page.",
    )
    due_on = forms.DateField(label="Actions due by", widget=DATE, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        owner = cast("forms.ModelChoiceField[User]", self.fields["owner"])
        owner.queryset = review_group_people()

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("actions") and not (cleaned.get("owner") and cleaned.get("due_on")):
            raise forms.ValidationError("Say who sees to the actions agreed, and by when.")
        return cleaned


class ActionForm(forms.Form):
    """Who sees to an action, by when, and whether it is done (review group and TIG). A page
    shows one for each action: the people to choose from are read once, for all of them."""

    owner = forms.TypedChoiceField(label="Who sees to it", coerce=int)
    due_on = forms.DateField(label="Due by", widget=DATE)
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)

    def __init__(self, *args, owners: list[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owners = {person.pk: person for person in owners}
        owner = cast("forms.TypedChoiceField", self.fields["owner"])
        owner.choices = [("", "---------")] + [
            (person.pk, person.get_full_name() or person.email) for person in owners
        ]

    def clean_owner(self) -> User:
        return self.owners[self.cleaned_data["owner"]]


class InterventionGroupForm(forms.Form):
    school = forms.ModelChoiceField(queryset=School.objects.filter(is_open=True).order_by("name"))
    chair = forms.ModelChoiceField(queryset=User.objects.none())
    members = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    started_on = forms.DateField(label="Started on", widget=DATE)
    resourcing = forms.CharField(
        label="Resourcing and reporting agreed", widget=TEXTAREA, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True).exclude(role=Role.STAFF).order_by("last_name")
        chair = cast("forms.ModelChoiceField[User]", self.fields["chair"])
        chair.queryset = people.filter(role=Role.DIRECTOR)
        members = cast("forms.ModelMultipleChoiceField[User]", self.fields["members"])
        members.queryset = people.exclude(role=Role.ADMIN)


def group_people(group: InterventionGroup) -> QuerySet[User]:
    """Who may own a TIG action: the group's members and the directors."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role=Role.DIRECTOR) | Q(intervention_groups=group))
        .distinct()
        .order_by("last_name", "first_name")
    )


class InterventionActionForm(forms.Form):
    action = forms.CharField(label="Action", max_length=300)
    owner = forms.ModelChoiceField(
        label="Who sees to it",
        queryset=User.objects.none(),
        help_text="A member of the group or a director: the action reaches their home page.",
    )
    due_on = forms.DateField(label="Due by", widget=DATE)

    def __init__(self, *args, owners: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        owner = cast("forms.ModelChoiceField[User]", self.fields["owner"])
        owner.queryset = owners


class InterventionReviewForm(forms.Form):
    held_on = forms.DateField(label="Date of the review", widget=DATE)
    notes = forms.CharField(label="Progress and next steps", widget=TEXTAREA)


FORM_CONTROL = {"class": "form-control"}
SEARCH_BOX = forms.TextInput(attrs={**FORM_CONTROL, "type": "search"})


class OpeningsFilter(forms.Form):
    """The directors' filters on who opened which report; every one may be left empty."""

    school = forms.CharField(
        label="School (name or URN)", max_length=200, required=False, widget=SEARCH_BOX
    )
    person = forms.CharField(
        label="Person (name or email)", max_length=200, required=False, widget=SEARCH_BOX
    )
    since = forms.DateField(label="From", required=False, widget=DatePicker(FORM_CONTROL))
    until = forms.DateField(label="To", required=False, widget=DatePicker(FORM_CONTROL))

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError("The “From” date is after the “To” date.")
        return cleaned
