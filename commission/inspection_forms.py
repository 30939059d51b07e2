import datetime

from django import forms

from commission.inspection_support import supporters
from ofsted.models import InspectionType
from thep.widgets import DatePicker, LongSelect

NOT_A_SUPPORTER = "Choose a Leadership Consultant or a director from the list."


class CallForm(forms.Form):
    """What the inspectors said on the phone."""

    called_on = forms.DateField(
        label="Date Ofsted called",
        widget=DatePicker(),
        error_messages={"invalid": "Write the date of the call as a date, like 24/11/2026."},
    )
    starts_on = forms.DateField(
        label="First day of the inspection",
        widget=DatePicker(),
        error_messages={"invalid": "Write the first day as a date, like 25/11/2026."},
    )
    inspection_type = forms.ChoiceField(
        label="Type of inspection",
        choices=InspectionType.choices,
        error_messages={"invalid_choice": "Choose the type of inspection from the list."},
        help_text="As the inspector described it; if unsure, choose the nearest.",
    )

    def __init__(self, *args, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["called_on"].initial = today


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name() or obj.email} ({obj.role_label})"


class AssignForm(forms.Form):
    meets_lead_inspector = PersonChoiceField(
        label="Meets the lead inspector",
        queryset=supporters(),
        widget=LongSelect,
        error_messages={"invalid_choice": NOT_A_SUPPORTER, "required": NOT_A_SUPPORTER},
    )
    attends_feedback = PersonChoiceField(
        label="Attends the feedback",
        queryset=supporters(),
        widget=LongSelect,
        error_messages={"invalid_choice": NOT_A_SUPPORTER, "required": NOT_A_SUPPORTER},
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Note of the support",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the note before saving it."},
    )
