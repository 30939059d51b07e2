from typing import cast

from django import forms
from django.db.models import QuerySet

from membership.models import School
from moderation.models import Kind, Subject, Visit
from thep.models import User
from thep.widgets import DatePicker, LongSelect


class DrawForm(forms.Form):
    seed = forms.IntegerField(
        label="Seed",
        required=False,
        min_value=0,
        max_value=2**63 - 1,
        help_text=(
            "Leave empty for a new one. The same seed and the same schools give the same samples."
        ),
    )
    include_special = forms.BooleanField(
        label="Include special schools",
        required=False,
        help_text="Those with pupils at the end of KS1 or KS2.",
    )
    reason = forms.CharField(
        label="Why draw again",
        required=False,
        max_length=300,
        help_text="Only when the year already has samples: the first draw is kept.",
    )


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.email


class ArrangeForm(forms.Form):
    """The office assigns a moderator to a school of the sample and dates the visit."""

    kind = forms.ChoiceField(label="Visit", choices=Kind.choices)
    school = forms.ModelChoiceField(
        label="School", queryset=School.objects.none(), widget=LongSelect
    )
    moderator = PersonField(label="Moderator", queryset=User.objects.none())
    date = forms.DateField(label="Date", widget=DatePicker())

    def __init__(
        self, *args, schools: QuerySet[School], moderators: QuerySet[User], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = schools
        cast(PersonField, self.fields["moderator"]).queryset = moderators


AGREED = [("yes", "Agreed"), ("no", "Not agreed")]


class OutcomeForm(forms.Form):
    """What the visit found, a row of fields for each subject the visit judges."""

    def __init__(self, *args, visit: Visit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.subjects = visit.subjects
        for subject in self.subjects:
            label = Subject(subject).label
            self.fields[f"{subject}_agreed"] = forms.ChoiceField(
                label=f"{label}: the school's judgements", choices=AGREED, widget=forms.RadioSelect
            )
            if subject == Subject.ADMINISTRATION:
                continue
            self.fields[f"{subject}_pupils"] = forms.IntegerField(
                label=f"{label}: pupils looked at", required=False, min_value=0, max_value=500
            )
            self.fields[f"{subject}_changed"] = forms.IntegerField(
                label=f"{label}: judgements changed", min_value=0, max_value=500, initial=0
            )
