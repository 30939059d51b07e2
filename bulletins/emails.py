"""A bulletin as an email (text and HTML) and as a page, from the same parts; and the signed
unsubscribe link each recipient's copy carries."""

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse

from bulletins.models import KIND_ABOUT, Bulletin, Delivery, Kind
from learning.models import Event
from thep.links import link_to

SALT = "bulletins.unsubscribe"


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(delivery: Delivery) -> str:
    token = signing.dumps(delivery.pk, salt=SALT)
    return site_url(reverse("bulletins:unsubscribe", args=[token]))


def delivery_of(token: str) -> Delivery | None:
    """The delivery whose link this is, or None for a token we did not sign (or cut short)."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Delivery.objects.select_related("bulletin", "person").filter(pk=pk).first()


def bulletin_context(bulletin: Bulletin, events: Iterable[Event]) -> dict[str, object]:
    event_path = link_to("learning:event")
    return {
        "bulletin": bulletin,
        "about": KIND_ABOUT[Kind(bulletin.kind)],
        "items": list(bulletin.items.all()),
        "events": [(event, site_url(event_path(event.pk))) for event in events],
        "catalogue_url": site_url(reverse("learning:catalogue")),
        "choices_url": site_url(reverse("bulletins:choices")),
        "archive_url": site_url(reverse("bulletins:archive")),
    }


def render_email(context: dict[str, object], *, unsubscribe: str) -> tuple[str, str]:
    """(text, html) of one recipient's copy."""
    context = {**context, "unsubscribe_url": unsubscribe}
    return (
        render_to_string("bulletins/email/bulletin.txt", context),
        render_to_string("bulletins/email/bulletin.html", context),
    )
