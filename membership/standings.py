"""A school's standing: facts other apps work out about each school for today (its current
Ofsted outcome and next inspection window, its risk level) and keep on a row per school, so
that tables of every school filter, sort and page in the database. The row is a cache of the
app's own function, never a second way of working the facts out.

This module says when to work them out again: `schools_changed` is sent with the ids of the
schools whose inputs changed, and each app that keeps a row refreshes those schools. Inputs
live in several apps (inspections, ratings, pupil counts, the register), so each app reports
changes to its own models here (model signals: services, imports and the admin alike), and
code that writes in bulk, which sends no model signals, calls `changed` itself. `batched`
gathers the changes of an import into one refresh. Facts that depend on the date are worked
out again every night (`standings_rebuild`)."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from celery import shared_task
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from membership.models import PupilCount, School

M = TypeVar("M", bound=Model)

# Sent with `school_ids`, a set of School ids.
schools_changed = Signal()
# Sent with the standing model as sender once its rows are written: they are written in bulk,
# with no signal of each row, so pages that keep what they read of them listen to this.
stored = Signal()

_batch: ContextVar[set[int] | None] = ContextVar("standings_batch", default=None)


def changed(*, school_ids: Iterable[int | None]) -> None:
    """The inputs of these schools' standings changed: refresh them now, or at the end of the
    batch this runs in."""
    ids = {school_id for school_id in school_ids if school_id is not None}
    if not ids:
        return
    batch = _batch.get()
    if batch is None:
        _send(ids)
    else:
        batch |= ids


def _send(ids: set[int]) -> None:
    # A school with no inspection of its own takes its predecessor's outcome.
    ids |= set(School.objects.filter(predecessor_id__in=ids).values_list("pk", flat=True))
    schools_changed.send(sender=School, school_ids=ids)


@contextmanager
def batched() -> Iterator[None]:
    """Refresh once, at the end, the standings of every school changed inside."""
    if _batch.get() is not None:
        yield
        return
    token = _batch.set(set())
    try:
        yield
        ids = _batch.get()
    finally:
        _batch.reset(token)
    if ids:
        _send(ids)


def store(model: type[M], rows: list[M], *, fields: list[str]) -> None:
    """Write the standing rows of some schools, replacing the rows they had."""
    with transaction.atomic():
        model._default_manager.bulk_create(
            rows,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["school"],
            update_fields=fields,
        )
        stored.send(sender=model)


def standings_rebuild() -> int:
    """Work out every school's standing again; returns the number of schools."""
    ids = set(School.objects.values_list("pk", flat=True))
    if ids:
        schools_changed.send(sender=School, school_ids=ids)
    return len(ids)


@shared_task
def standings_rebuild_nightly() -> int:
    """Run by beat (settings.CELERY_BEAT_SCHEDULE) just after midnight: windows fall due,
    heads stop being new and a new membership year starts with the date, whatever anyone
    changes."""
    return standings_rebuild()


def _school_going(origin) -> bool:
    """Whether a deletion is of a school itself: its standing rows go with it, and refreshing
    them would write rows for a school about to be deleted."""
    return isinstance(origin, School) or (
        isinstance(origin, QuerySet) and issubclass(origin.model, School)
    )


def follow(model: type[M], *, school_id: Callable[[M], int | None], name: str) -> None:
    """Refresh the standing of the school of any row of `model` saved or deleted."""

    def saved(sender, instance: M, **kwargs) -> None:
        changed(school_ids=[school_id(instance)])

    def deleted(sender, instance: M, origin=None, **kwargs) -> None:
        if not _school_going(origin):
            changed(school_ids=[school_id(instance)])

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"standings-{name}-saved")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"standings-{name}-gone")


# Fields of the register that standings read: the phase (the window of an outstanding school),
# the predecessor (its outcome) and the headship start (a new head is a risk).
SCHOOL_INPUTS = {"phase", "predecessor", "predecessor_id", "headship_start"}


def _school_saved(sender, instance: School, created: bool, update_fields=None, **kwargs) -> None:
    if created or update_fields is None or SCHOOL_INPUTS & set(update_fields):
        changed(school_ids=[instance.pk])


def connect() -> None:
    """Called once, when the app is ready."""
    post_save.connect(_school_saved, sender=School, dispatch_uid="standings-school-saved")
    follow(PupilCount, school_id=lambda count: count.school_id, name="pupil-count")
