"""Figures many people's pages share, kept in the cache for a short while: one path for it.

Each is named. `forget(name)` makes every page work its figures out afresh, for the changes a
person must see at once (the office making the invoices it was reminded of); other changes show
when the entry expires. `forget_on_change(name, *models)` forgets them whenever a row of those
models is saved or deleted.

When an entry is missing, one request works it out while the others asking for it wait for its
answer: eight directors opening the dashboard together would otherwise each work out the same
figures at once, and on two cores each would take eight times as long."""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")
_MISSING = object()

# How long the others wait for the one working a figure out before doing it themselves (it may
# have failed), and how often they look.
WAIT_SECONDS = 10.0
LOOK_EVERY = 0.05


def _version(name: str) -> int:
    return int(cache.get_or_set(f"shared:{name}:version", 1, None) or 1)


def remembered(name: str, key: str, work_out: Callable[[], T], seconds: int) -> T:
    """`work_out()`, or what it gave for this name and key within the last `seconds`."""
    full = f"shared:{name}:{_version(name)}:{key}"
    found = cache.get(full, _MISSING)
    if found is not _MISSING:
        return found
    working = f"{full}:working"
    if not cache.add(working, 1, int(WAIT_SECONDS) + 1):
        give_up = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < give_up:
            time.sleep(LOOK_EVERY)
            found = cache.get(full, _MISSING)
            if found is not _MISSING:
                return found
    try:
        answer = work_out()
        cache.set(full, answer, seconds)
    finally:
        cache.delete(working)
    return answer


def forget(name: str) -> None:
    """Every `remembered` figure of this name is worked out again: at once, for the rest of
    this transaction, and again when it commits, for a request that cached the old figures
    between the two."""

    def next_version() -> None:
        try:
            cache.incr(f"shared:{name}:version")
        except ValueError:  # never asked for yet, or evicted: any new number will do
            cache.add(f"shared:{name}:version", 2, None)

    next_version()
    transaction.on_commit(next_version)


# Saves that change nothing a page shows: logging in records the time on the person's row.
UNSEEN_FIELDS = {"last_login"}


def forget_on_change(name: str, *models: type[Model]) -> None:
    """Forget `name`'s figures whenever a row of one of these models (or a many-to-many link
    of one) is saved or deleted. Code that writes them in bulk sends no signal: it calls
    `forget` itself."""

    def changed(sender, update_fields=None, action="post_", **kwargs) -> None:
        unseen = update_fields and set(update_fields) <= UNSEEN_FIELDS
        if action.startswith("post_") and not unseen:
            forget(name)

    for model in models:
        uid = f"shared-{name}-{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-saved")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-gone")
        m2m_changed.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-linked")
