"""Personal data held by `bulletins`: which bulletins a person chose, and which were sent to
them (see `thep.privacy` for the functions every app offers)."""

from bulletins.models import Delivery, Subscription
from thep.models import User


def person_data(person: User) -> list[tuple[str, object]]:
    choices = [
        {"bulletin": choice.get_kind_display(), "receives": choice.subscribed,
         "changed": choice.changed_at.isoformat()}
        for choice in Subscription.objects.filter(person=person)
    ]  # fmt: skip
    sent = [
        {"bulletin": str(delivery.bulletin), "to": delivery.email,
         "sent": delivery.created_at.isoformat(),
         "unsubscribed": delivery.unsubscribed_at.isoformat() if delivery.unsubscribed_at else None}
        for delivery in Delivery.objects.filter(person=person).select_related("bulletin")
    ]  # fmt: skip
    return [("bulletin choices", choices), ("bulletins sent", sent)]
