"""Pages that gather parts from several apps: the home page, the school page and the audit page.

Each app may have a `panels` module with `home_panels(request)`, `school_panels(request,
school)` and/or `audit_panels(request)`, each returning a list of `Panel`s it wants shown to the
person asking (an empty list when that person may not see any). Apps decide for themselves,
through their own selectors and access helpers, what a person may see. The school page gets
its school from `membership.access.school_for`, so a school's panels need not ask again
whether the person may open the school, only whether their role sees the panel."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import CharField, Count, QuerySet, Value, Window
from django.db.models.functions import RowNumber
from django.db.models.query import ModelIterable
from django.urls import reverse

from thep.access import AuthedRequest
from thep.hooks import collect
from thep.selectors import imports_waiting


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)


def gather_home(request: AuthedRequest) -> list[Panel]:
    return collect("panels", "home_panels", request)


def gather_school(request: AuthedRequest, school) -> list[Panel]:
    return collect("panels", "school_panels", request, school)


def gather_audit(request: AuthedRequest) -> list[Panel]:
    return collect("panels", "audit_panels", request)


# Home pages are each person's to-do list: queues of things waiting for them, each item a link.

QUEUE_LENGTH = 8  # items listed in a queue; the count says how many there are in all


@dataclass
class Item:
    text: str
    url: str
    note: str = ""  # when it is due, or what it waits for
    late: bool = False
    # Links to do it from the queue itself: (label, url), e.g. ("Approve", ...).
    actions: tuple[tuple[str, str], ...] = ()


@dataclass
class Queue:
    key: str  # unique on the page: the anchor the counts link to
    title: str
    count: int
    items: list[Item]
    more_url: str = ""  # the page with all of them
    more_label: str = ""
    # What one and several of them are called after their count ("1 report to agree").
    one: str = ""
    many: str = ""

    @property
    def late(self) -> int:
        return sum(item.late for item in self.items)

    @property
    def plural(self) -> str:
        return self.many or self.title[0].lower() + self.title[1:]

    @property
    def counted(self) -> str:
        return f"{self.count} {(self.one or self.plural) if self.count == 1 else self.plural}"


QUEUE_TEMPLATE = "thep/includes/queue.html"


def queue(
    *,
    key: str,
    title: str,
    rows,
    item: Callable[[Any], Item],
    more_url: str = "",
    more_label: str = "",
    one: str = "",
    many: str = "",
    count: int | None = None,
) -> Panel:
    """A queue of `rows` (a query, already in order, most urgent first, or a list), listing the
    first QUEUE_LENGTH; or, given `count`, of the first rows already read (several queues read
    in one query) and how many there are in all."""
    listed, count = first_and_count(rows) if count is None else (list(rows)[:QUEUE_LENGTH], count)
    return Panel(
        QUEUE_TEMPLATE,
        {
            "queue": Queue(
                key=key,
                title=title,
                count=count,
                items=[item(row) for row in listed],
                more_url=more_url,
                more_label=more_label,
                one=one,
                many=many,
            )
        },
    )


def first_and_count(rows) -> tuple[list, int]:
    """The first QUEUE_LENGTH rows, and how many there are. A query of model rows is counted in
    the same query (a window over all its rows); any other is counted only when there are more
    than that: a short queue costs one query, a long one two, however long it grows."""
    if (
        isinstance(rows, QuerySet)
        and rows._iterable_class is ModelIterable
        and not rows.query.distinct
        and not rows.query.combinator
    ):
        listed = list(rows.annotate(queue_length=Window(Count("pk")))[:QUEUE_LENGTH])
        return listed, listed[0].queue_length if listed else 0
    listed = list(rows[: QUEUE_LENGTH + 1])
    if len(listed) <= QUEUE_LENGTH:
        count = len(listed)
    else:
        count = len(rows) if isinstance(rows, list) else rows.count()
    return listed[:QUEUE_LENGTH], count


def first_of_each(
    queues: dict[str, QuerySet], columns: tuple[str, ...]
) -> dict[str, tuple[list[tuple], int]]:
    """For each named queue (a query in its order, most urgent first), its first QUEUE_LENGTH
    rows as tuples of `columns`, and how many rows it has: in one query however many queues,
    a union of each queue's first rows, each with its place in its queue and the queue's
    length."""
    parts = []
    for name, rows in queues.items():
        order = cast(list[str], list(rows.query.order_by))  # field names, as the queues order
        parts.append(
            rows.annotate(
                queue_name=Value(name, output_field=CharField()),
                queue_place=Window(RowNumber(), order_by=order),
                queue_length=Window(Count("pk")),
            ).values_list("queue_name", "queue_place", "queue_length", *columns)[:QUEUE_LENGTH]
        )
    found: dict[str, tuple[list[tuple], int]] = {name: ([], 0) for name in queues}
    for name, _place, length, *values in sorted(
        parts[0].union(*parts[1:], all=True), key=lambda row: row[1]
    ):
        found[name] = (found[name][0] + [tuple(values)], length)
    return found


def queues_first(found: list[Panel]) -> tuple[list[Queue], list[Panel]]:
    """The queues, those with late items first, then those with something in them, then the
    empty ones (each group in the order the apps gave them); and the other panels."""
    queues = [panel.context["queue"] for panel in found if panel.template == QUEUE_TEMPLATE]
    others = [panel for panel in found if panel.template != QUEUE_TEMPLATE]
    return sorted(queues, key=lambda q: (not q.late, not q.count)), others


def home_panels(request: AuthedRequest) -> list[Panel]:
    """The office's imports waiting: being read, or previewed and not yet applied."""
    if not request.user.is_office:
        return []
    return [
        queue(
            key="imports",
            title="Imports waiting",
            one="import waiting",
            rows=imports_waiting(user=request.user),
            item=lambda job: Item(
                job.file_name,
                reverse("admin:thep_importjob_change", args=[job.pk]),
                note=job.get_state_display(),
            ),
            more_url=reverse("admin:thep_importjob_changelist"),
            more_label="All imports",
        )
    ]
