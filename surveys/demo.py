"""Demo surveys: the annual members' survey of this year and last, sent to every member school
(no email: the invitations are written directly) and answered by a dozen of them, so the
results page and the satisfaction outcome have something to show. A second run changes
nothing."""

import datetime

from django.utils import timezone

from membership.models import Membership, School
from surveys.models import Answer, Invitation, Mode, Question, QuestionKind, Response, Survey
from thep import years
from thep.models import User

TITLE = "Annual members' survey"
VALUES = ["The Bulletin", "Professional learning", "LC visits", "Headteacher meetings"]
QUESTIONS = [
    (QuestionKind.RATING, "Overall, how satisfied is your school with THE Partnership?", []),
    (QuestionKind.RATING, "How useful is the fortnightly THEP Bulletin?", []),
    (QuestionKind.CHOICE, "What does your school value most?", VALUES),
    (QuestionKind.TEXT, "What should THE Partnership do more of, or better?", []),
]
# A dozen schools' answers: (satisfaction, bulletin, valued most, words).
ANSWERS = [
    (5, 5, 0, "Keep the Keep in Touch updates coming before each Ofsted change."),
    (4, 5, 1, ""),
    (5, 4, 1, "More network meetings for new deputy heads."),
    (4, 3, 2, ""),
    (3, 4, 0, "Courses after school rather than in the day would help us release staff."),
    (5, 5, 3, ""),
    (4, 4, 1, ""),
    (2, 3, 2, "Our LC changed twice this year; continuity matters."),
    (4, 5, 0, ""),
    (5, 4, 3, "The headteacher meetings are the best hour of the half term."),
    (3, 2, 1, ""),
    (4, 4, 2, ""),
]


def load() -> None:
    this_year = years.current()
    for year, shift in ((this_year - 1, 1), (this_year, 0)):
        _survey(year, shift)


def _survey(year: int, shift: int) -> None:
    office = User.objects.get(email="admin@example.org")
    survey, created = Survey.objects.get_or_create(
        title=TITLE,
        year=year,
        defaults={
            "closes_on": years.first_day(year) + datetime.timedelta(days=120),
            "mode": Mode.PER_SCHOOL,
            "created_by": office,
            "sent_at": timezone.make_aware(
                datetime.datetime.combine(years.first_day(year), datetime.time(9))
                + datetime.timedelta(days=75)
            ),
        },
    )
    if not created:
        return
    questions = [
        Question.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text=text,
            options=options,
            is_satisfaction=position == 1,
        )
        for position, (kind, text, options) in enumerate(QUESTIONS, start=1)
    ]
    members = School.objects.filter(
        pk__in=Membership.objects.filter(year=year).values("member__school")
    ).order_by("name")
    invitations = Invitation.objects.bulk_create(
        Invitation(survey=survey, school=school) for school in members
    )
    # Last year's answers come from other schools, and a point or so lower.
    answering = invitations[shift * 3 :][: len(ANSWERS)]
    responses = Response.objects.bulk_create(
        Response(invitation=invitation) for invitation in answering
    )
    rating, bulletin, valued, words = questions
    Answer.objects.bulk_create(
        answer
        for response, (stars, useful, pick, text) in zip(responses, ANSWERS, strict=False)
        for answer in (
            Answer(response=response, question=rating, rating=max(stars - shift, 1)),
            Answer(response=response, question=bulletin, rating=useful),
            Answer(response=response, question=valued, choice=VALUES[pick]),
            *([Answer(response=response, question=words, text=text)] if text else []),
        )
    )
