"""Reads of surveys: what a person is asked to answer, a survey's results by phase, and the
share of satisfied answers year by year (the outcomes framework's SATISFACTION measure)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from membership.models import Phase
from membership.phases import KPI_GROUPS, kpi_group
from surveys.models import (
    RATINGS,
    SATISFIED,
    Answer,
    Invitation,
    Mode,
    Question,
    QuestionKind,
    Response,
    Survey,
)
from thep.models import Role, User

GROUPS = [Phase(group).label for group in KPI_GROUPS]


def invitations_for(*, user: User) -> QuerySet[Invitation]:
    """The sent surveys a person may answer on the portal, newest first, each marked
    `answered`: their schools' (a head's, one answer per school) and their own."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    mine = Q(survey__mode=Mode.PER_PERSON) & (Q(person=user) | Q(email__iexact=user.email))
    if user.role == Role.HEADTEACHER:
        mine |= Q(survey__mode=Mode.PER_SCHOOL, school__affiliations__person=user)
    return (
        Invitation.objects.filter(mine, survey__sent_at__isnull=False)
        .annotate(answered=Exists(Response.objects.filter(invitation=OuterRef("pk"))))
        .select_related("survey", "school")
        .order_by("-survey__closes_on", "survey__title", "school__name")
        .distinct()
    )


@dataclass
class Row:
    """One rating or choice: how many gave it in each phase group, and in all."""

    value: str
    by_group: list[int]
    total: int


@dataclass
class QuestionResult:
    question: Question
    rows: list[Row] = field(default_factory=list)
    answered: int = 0
    # Free text, (phase group, words): filled for directors only.
    texts: list[tuple[str, str]] = field(default_factory=list)
    chart: str = ""  # drawn by the page (reports.charts)

    @property
    def satisfied(self) -> int:
        return sum(row.total for row in self.rows if row.value in {str(n) for n in SATISFIED})


@dataclass
class Results:
    survey: Survey
    groups: list[str]
    invited: list[int]  # by group, then the total last
    answered: list[int]
    questions: list[QuestionResult]


def results(*, survey: Survey, free_text: bool) -> Results:
    """Each question's answers counted by phase group (membership.phases), with free text
    itself only when `free_text` (directors: the caller decides who may read it)."""
    invited: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for phase, asked, gave in (
        Invitation.objects.filter(survey=survey)
        .values_list("school__phase")
        .annotate(asked=Count("pk"), gave=Count("response"))
        .values_list("school__phase", "asked", "gave")
    ):
        invited[_group(phase)] += asked
        answered[_group(phase)] += gave
    counts: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for question_id, phase, rating, choice, n in (
        Answer.objects.filter(question__survey=survey)
        .exclude(question__kind=QuestionKind.TEXT)
        .values_list("question_id", "response__invitation__school__phase", "rating", "choice")
        .annotate(n=Count("pk"))
    ):
        counts[question_id, str(rating) if rating is not None else choice][_group(phase)] += n
    texts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    text_counts: Counter[int] = Counter()
    text_answers = Answer.objects.filter(
        question__survey=survey, question__kind=QuestionKind.TEXT
    ).exclude(text="")
    if free_text:
        for question_id, phase, words in text_answers.values_list(
            "question_id", "response__invitation__school__phase", "text"
        ).order_by("response__submitted_at", "pk"):
            texts[question_id].append((_group(phase), words))
            text_counts[question_id] += 1
    else:
        text_counts.update(dict(text_answers.values_list("question_id").annotate(n=Count("pk"))))
    questions = []
    for question in survey.questions.all():
        result = QuestionResult(question=question, texts=texts.get(question.pk, []))
        if question.kind == QuestionKind.TEXT:
            result.answered = text_counts[question.pk]
        else:
            for value in _values(question):
                by_group = counts.get((question.pk, value), Counter())
                row = Row(value, [by_group[g] for g in GROUPS], sum(by_group.values()))
                result.rows.append(row)
            result.answered = sum(row.total for row in result.rows)
        questions.append(result)
    return Results(
        survey=survey,
        groups=GROUPS,
        invited=[invited[g] for g in GROUPS] + [sum(invited.values())],
        answered=[answered[g] for g in GROUPS] + [sum(answered.values())],
        questions=questions,
    )


def _group(phase: str) -> str:
    return Phase(kpi_group(phase)).label


def _values(question: Question) -> list[str]:
    if question.kind == QuestionKind.RATING:
        return [str(n) for n in range(RATINGS[0], RATINGS[1] + 1)]
    return list(question.options)


def satisfaction_by_year(*, years: list[int]) -> dict[int, tuple[int, int]]:
    """(ratings of 4 or 5, ratings) on the satisfaction questions of each year's surveys; a
    year with no rating given is left out."""
    found = (
        Answer.objects.filter(
            question__is_satisfaction=True,
            question__survey__year__in=years,
            rating__isnull=False,
        )
        .values_list("question__survey__year")
        .annotate(satisfied=Count("pk", filter=Q(rating__in=SATISFIED)), all=Count("pk"))
    )
    return {year: (satisfied, every) for year, satisfied, every in found}
