"""The navigation bar: each app says, in its `nav.py`, which of its pages a person may use."""

from django.conf import settings
from django.http import HttpRequest

from thep.hooks import collect


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    dev_mailbox = settings.THEP_DEV_MAILBOX  # the dev stack's page of emails, in the footer
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "dev_mailbox": dev_mailbox}
    items = collect("nav", "items", user)
    if user.is_staff:
        items.append(("Office admin", "/admin/"))
    return {"nav_items": items, "dev_mailbox": dev_mailbox}
