"""Figures many people's pages share, kept in the cache for a short while: one path for it.

Each is named. `forget(name)` makes every page work its figures out afresh once the transaction
commits, for the changes a person must see at once (the office making the invoices it was
reminded of); other changes show when the entry expires."""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
_MISSING = object()


def _version(name: str) -> int:
    return int(cache.get_or_set(f"shared:{name}:version", 1, None) or 1)


def remembered(name: str, key: str, work_out: Callable[[], T], seconds: int) -> T:
    """`work_out()`, or what it gave for this name and key within the last `seconds`."""
    full = f"shared:{name}:{_version(name)}:{key}"
    found = cache.get(full, _MISSING)
    if found is _MISSING:
        found = work_out()
        cache.set(full, found, seconds)
    return found


def forget(name: str) -> None:
    """Once the transaction commits, every `remembered` figure of this name is worked out again."""

    def next_version() -> None:
        _version(name)
        cache.incr(f"shared:{name}:version")

    transaction.on_commit(next_version)
