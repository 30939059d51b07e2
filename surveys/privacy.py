"""Personal data held by `surveys`: the surveys a person was asked to answer for themselves,
their answers, answers they gave for a school while signed in, and whether they agreed to be
asked (see `thep.privacy` for the functions every app offers)."""

from django.db.models import Q

from surveys.models import Answer, Volunteer
from thep.models import User


def person_data(person: User) -> list[tuple[str, object]]:
    answers = [
        {"survey": str(answer.response.invitation.survey), "question": answer.question.text,
         "answer": answer.rating or answer.choice or answer.text,
         "given": answer.response.submitted_at.isoformat()}
        for answer in Answer.objects.filter(
            Q(response__invitation__person=person)
            | Q(response__invitation__email__iexact=person.email)
            | Q(response__submitted_by=person)
        )
        .select_related("response__invitation__survey", "question")
        .order_by("response", "question__position")
    ]  # fmt: skip
    agreed = Volunteer.objects.filter(person=person).first()
    return [
        ("survey answers", answers),
        ("asked to answer surveys of staff", agreed.agreed_at.isoformat() if agreed else None),
    ]
