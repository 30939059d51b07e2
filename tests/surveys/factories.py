import datetime

import factory
from django.utils import timezone

from surveys.models import Mode, Question, QuestionKind, Survey
from tests.factories import ModelFactory
from thep import years


class SurveyFactory(ModelFactory[Survey]):
    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Annual survey {n}")
    year = factory.LazyFunction(years.current)
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    mode = Mode.PER_SCHOOL


class QuestionFactory(ModelFactory[Question]):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = QuestionKind.RATING
    text = factory.Sequence(lambda n: f"Question {n}")


def annual_survey(**fields) -> Survey:
    """A members' survey with a satisfaction rating, a choice and free text."""
    survey = SurveyFactory(**fields)
    QuestionFactory(survey=survey, position=1, text="How satisfied are you with THEP?",
                    is_satisfaction=True)  # fmt: skip
    options = ["Bulletin", "Courses", "LC visits"]
    QuestionFactory(survey=survey, position=2, kind=QuestionKind.CHOICE,
                    text="What do you value most?", options=options)  # fmt: skip
    QuestionFactory(survey=survey, position=3, kind=QuestionKind.TEXT, text="What could be better?")
    return survey
