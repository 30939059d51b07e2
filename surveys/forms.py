from django import forms

from surveys.models import RATINGS, QuestionKind, Survey

RATING_CHOICES = [(n, str(n)) for n in range(RATINGS[0], RATINGS[1] + 1)]


class AnswerForm(forms.Form):
    """One field a question, named by its id: ratings and choices must be answered, text may
    be left empty."""

    def __init__(self, *args, survey: Survey, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.RATING:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=RATING_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text="1 is poor, 5 is excellent.",
                    error_messages={
                        "required": "Give a rating from 1 to 5.",
                        "invalid_choice": "Give a rating from 1 to 5.",
                    },
                )
            elif question.kind == QuestionKind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=[(option, option) for option in question.options],
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": "Pick one of the choices.",
                        "invalid_choice": "Pick one of the choices.",
                    },
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )

    def answers(self) -> dict[int, object]:
        return {question.pk: self.cleaned_data[f"q{question.pk}"] for question in self.questions}
