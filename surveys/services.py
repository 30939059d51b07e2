"""Sending a survey and taking its answers."""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from learning.models import Booking
from learning.models import Status as BookingStatus
from membership.models import Affiliation, Membership
from surveys.models import RATINGS, Answer, Invitation, Mode, QuestionKind, Response, Survey
from thep.mail import mail_queue
from thep.models import Role, User

_SALT = "surveys.answer"


def answer_token(invitation: Invitation) -> str:
    """The signed part of an invitation's link: the survey and whom it asks (the school or the
    person, by their invitation). Changing a character of it makes the link a 404."""
    return signing.dumps([invitation.survey_id, invitation.pk], salt=_SALT)


def answer_link(invitation: Invitation) -> str:
    path = reverse("surveys:answer", args=[answer_token(invitation)])
    return settings.SITE_URL.rstrip("/") + path


def invitation_of(token: str) -> Invitation | None:
    """The invitation a signed link names; None for a link someone has changed."""
    try:
        survey_id, invitation_id = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (
        Invitation.objects.select_related("survey", "school")
        .filter(pk=invitation_id, survey_id=survey_id)
        .first()
    )


def _audience(survey: Survey) -> list[tuple[Invitation, list[str]]]:
    """(invitation, addresses) for everyone the survey asks, not yet saved."""
    if survey.mode == Mode.PER_SCHOOL:
        members = Membership.objects.filter(year=survey.year, member__school__isnull=False)
        heads: dict[Any, list[str]] = defaultdict(list)
        for affiliation in (
            Affiliation.objects.filter(
                school__in=members.values("member__school"),
                person__role=Role.HEADTEACHER,
                person__is_active=True,
            )
            .select_related("school", "person")
            .order_by("school__name", "person__email")
        ):
            heads[affiliation.school].append(affiliation.person.email)
        return [(Invitation(survey=survey, school=school), to) for school, to in heads.items()]
    if survey.event_id is not None:
        people = {
            booking.delegate_email.lower(): (booking.school, booking.delegate)
            for booking in Booking.objects.filter(
                event_id=survey.event_id, status=BookingStatus.CONFIRMED
            ).select_related("school", "delegate")
        }
    else:
        people = {
            affiliation.person.email: (affiliation.school, affiliation.person)
            for affiliation in Affiliation.objects.filter(
                person__survey_volunteer__isnull=False, person__is_active=True
            )
            .select_related("school", "person")
            .order_by("person__email", "school__name")
        }
    return [
        (Invitation(survey=survey, school=school, email=email, person=person), [email])
        for email, (school, person) in sorted(people.items())
    ]


def survey_send(*, survey: Survey, by: User) -> int:
    """Invite the survey's audience, each by an email with their own signed link (sent by the
    worker once this commits). Returns how many were invited. A survey is sent once."""
    with transaction.atomic(durable=True):
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.sent_at is not None:
            sent_on = timezone.localtime(survey.sent_at)
            raise ValidationError(f"“{survey.title}” was already sent on {sent_on:%-d %B %Y}.")
        if not survey.questions.exists():
            raise ValidationError(
                f"“{survey.title}” has no questions yet: add them before sending it."
            )
        if survey.is_closed(timezone.localdate()):
            raise ValidationError(
                f"“{survey.title}” closed on {survey.closes_on:%-d %B %Y}: "
                "move its closing date before sending it."
            )
        audience = _audience(survey)
        if not audience:
            raise ValidationError(
                f"“{survey.title}” has nobody to ask: "
                + (
                    f"no member school in {survey.year_label} has a head on the portal."
                    if survey.mode == Mode.PER_SCHOOL
                    else "nobody is confirmed on its event."
                    if survey.event_id
                    else "no member of staff has agreed to answer surveys."
                )
            )
        for invitation, to in audience:
            invitation.save()
            mail_queue(
                kind="surveys.invitation",
                to=to,
                subject=f"{survey.title}: your answers, please",
                body=_invitation_body(survey, invitation),
            )
        survey.sent_at = timezone.now()
        survey.save(update_fields=["sent_at"])
    return len(audience)


def _invitation_body(survey: Survey, invitation: Invitation) -> str:
    who = (
        f"one answer for {invitation.school.name}, from its head"
        if survey.mode == Mode.PER_SCHOOL
        else "your own answer"
    )
    intro = f"{survey.introduction}\n\n" if survey.introduction else ""
    return (
        f"{intro}THE Partnership asks for {who} to “{survey.title}”, "
        f"by {survey.closes_on:%-d %B %Y}. It takes a few minutes.\n\n"
        f"Answer here (no login needed): {answer_link(invitation)}\n\n"
        "The link is yours alone: please do not pass it on."
    )


def refusal(invitation: Invitation, *, today: Any = None) -> str:
    """Why the invitation can take no answer now, in words; "" when it can."""
    survey = invitation.survey
    if survey.is_closed(today or timezone.localdate()):
        return (
            f"“{survey.title}” closed on {survey.closes_on:%-d %B %Y}: answers are no longer taken."
        )
    response = Response.objects.filter(invitation=invitation).first()
    if response is not None:
        return _answered(invitation, response)
    return ""


def _answered(invitation: Invitation, response: Response) -> str:
    who = invitation.school.name if invitation.survey.mode == Mode.PER_SCHOOL else "You"
    return (
        f"{who} answered “{invitation.survey.title}” on "
        f"{timezone.localtime(response.submitted_at):%-d %B %Y}. "
        "One answer is kept, the first: this one was not recorded."
    )


def response_submit(
    *, invitation: Invitation, answers: dict[int, Any], by: User | None
) -> Response:
    """Keep the invitation's answer: `answers` maps each question's id to a rating, a choice
    or a text, as the answer form cleaned them. A second answer, or one after the survey
    closed, is refused and changes nothing."""
    why = refusal(invitation)
    if why:
        raise ValidationError(why)
    try:
        with transaction.atomic():
            response = Response.objects.create(invitation=invitation, submitted_by=by)
            Answer.objects.bulk_create(
                _answer(response, question, answers.get(question.pk))
                for question in invitation.survey.questions.all()
                if answers.get(question.pk) not in (None, "")
            )
    except IntegrityError:
        # Another answer for the same school or person was kept a moment before this one.
        first = Response.objects.get(invitation=invitation)
        raise ValidationError(_answered(invitation, first)) from None
    return response


def _answer(response: Response, question: Any, value: Any) -> Answer:
    answer = Answer(response=response, question=question)
    if question.kind == QuestionKind.RATING:
        if value not in range(RATINGS[0], RATINGS[1] + 1):
            raise ValidationError(f"“{question.text}”: give a rating from 1 to 5.")
        answer.rating = value
    elif question.kind == QuestionKind.CHOICE:
        if value not in question.options:
            raise ValidationError(f"“{question.text}”: pick one of its choices.")
        answer.choice = value
    else:
        answer.text = str(value)
    return answer


def volunteer_set(*, person: User, agreed: bool) -> None:
    from surveys.models import Volunteer

    if agreed:
        Volunteer.objects.get_or_create(person=person)
    else:
        Volunteer.objects.filter(person=person).delete()
