from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bulletins.composition import coming_events
from bulletins.emails import bulletin_context, render_email, unsubscribe_url
from bulletins.models import Bulletin, Delivery, Kind, Status, Subscription
from bulletins.selectors import recipients
from thep.mail import mail_queue
from thep.models import User

NO_AUDIENCE = "Choose who receives it: headteachers, staff who asked for it, or both."


def bulletin_send(*, bulletin: Bulletin, by: User) -> int:
    """Freeze the coming events and hand the bulletin to the worker; returns how many people
    it goes to. Refused, changing nothing, without an audience, or if it was sent already
    (a second press of the button)."""
    with transaction.atomic(durable=True):
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        if not locked.is_draft:
            raise ValidationError(
                f"This bulletin was sent already ({locked.get_status_display().lower()})."
            )
        if not locked.has_audience:
            raise ValidationError(NO_AUDIENCE)
        today = timezone.localdate()
        count = recipients(bulletin=locked, on=today).count()
        if not count:
            raise ValidationError(
                f"Nobody is in this audience ({locked.audience}). Choose more phases or schools."
            )
        locked.status, locked.sent_on, locked.sent_by = Status.SENDING, today, by
        locked.save(update_fields=["status", "sent_on", "sent_by"])
        locked.events.set(coming_events(after=today, weeks=locked.weeks))
        from bulletins.tasks import bulletin_deliver_task

        transaction.on_commit(lambda: bulletin_deliver_task.delay(locked.pk))
    return count


def bulletin_deliver(*, bulletin_id: int) -> int:
    """Queue one email a recipient (thep.mail) and mark the bulletin sent; returns how many
    were queued now. The bulletin is locked throughout and each person has one delivery row,
    so a task delivered twice, or retried, sends nobody a second copy."""
    with transaction.atomic(durable=True):
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin_id)
        # The send date is set with the status (bulletin_send).
        if bulletin.status != Status.SENDING or bulletin.sent_on is None:
            return 0
        context = bulletin_context(bulletin, bulletin.events.order_by("starts_on", "title"))
        already = Delivery.objects.filter(bulletin=bulletin).values("person_id")
        people = recipients(bulletin=bulletin, on=bulletin.sent_on).exclude(pk__in=already)
        queued = 0
        for person in people:
            delivery = Delivery.objects.create(bulletin=bulletin, person=person, email=person.email)
            link = unsubscribe_url(delivery)
            text, html = render_email(context, unsubscribe=link)
            mail_queue(
                kind=f"bulletins.{bulletin.kind}",
                to=[person.email],
                subject=f"{bulletin.get_kind_display()}: {bulletin.title}",
                body=text,
                html=html,
                headers={
                    "List-Unsubscribe": f"<{link}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
            queued += 1
        bulletin.status, bulletin.sent_at = Status.SENT, timezone.now()
        bulletin.save(update_fields=["status", "sent_at"])
    return queued


def delivery_unsubscribe(*, delivery: Delivery) -> bool:
    """Stop the kind of bulletin this delivery was. A link works once: False when it was
    used already, and nothing changes."""
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.unsubscribed_at is not None:
            return False
        locked.unsubscribed_at = timezone.now()
        locked.save(update_fields=["unsubscribed_at"])
        Subscription.objects.update_or_create(
            person_id=locked.person_id, kind=delivery.bulletin.kind, defaults={"subscribed": False}
        )
    return True


def bulletin_choices_set(*, person: User, kinds: set[str]) -> None:
    """The kinds of bulletin a person receives from now on: these, and no others."""
    with transaction.atomic():
        for kind in Kind:
            Subscription.objects.update_or_create(
                person=person, kind=kind, defaults={"subscribed": kind in kinds}
            )
