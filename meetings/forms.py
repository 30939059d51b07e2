from typing import cast

from django import forms
from django.db.models import QuerySet

from meetings.models import Appointment, Meeting, Paper, Resolution
from membership.models import School
from thep.models import User
from thep.widgets import DatePicker

PAPER_MAX_BYTES = 20 * 1024 * 1024


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "date", "starts_at", "place", "quorum"]
        widgets = {"date": DatePicker(), "starts_at": forms.TimeInput(attrs={"type": "time"})}


class PaperForm(forms.ModelForm):
    class Meta:
        model = Paper
        fields = ["title", "file"]
        help_texts = {"file": "PDF, Word, Excel, PowerPoint or text, up to 20 MB."}

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > PAPER_MAX_BYTES:
            raise forms.ValidationError("This file is larger than 20 MB.")
        return file


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = ["text", "kind"]
        labels = {"text": "Resolution", "kind": "Kind"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.email


class DelegateForm(forms.Form):
    person = PersonChoiceField(label="Delegate", queryset=User.objects.none())

    def __init__(self, *args, school: School, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(PersonChoiceField, self.fields["person"])
        field.queryset = User.objects.filter(affiliations__school=school, is_active=True).only(
            "first_name", "last_name", "email"
        )
        field.label = f"Delegate for {school.name}"


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["person_name", "role", "school", "meeting", "appointed_on", "term_ends_on"]
        widgets = {"appointed_on": DatePicker(), "term_ends_on": DatePicker()}
        help_texts = {"school": "The school they come from, if any."}

    def __init__(self, *args, schools: QuerySet[School], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = schools
        meeting = cast(forms.ModelChoiceField, self.fields["meeting"])
        meeting.queryset = Meeting.objects.filter(kind=Meeting.Kind.AGM)
        meeting.label = "Appointed at (AGM)"
