"""What every import (GIAS, Ofsted, memberships, ...) gives back, and how it writes.

An importer reads its whole file first, then writes in one transaction. It is called with
`apply=False` for a preview (everything is worked out and rolled back), then `apply=True`.
Rows it cannot take are refused, each with its row and reason; a file with refused rows changes
nothing unless the caller chose to leave them out (`leave_out_refused=True`), and then the other
rows are written all together or not at all. A problem with the file itself (its encoding, a
missing column, a layout nobody publishes) raises ImportRefused at once.

IMPORTERS lists the imports the office runs from the admin, as background jobs (thep.import_jobs);
the management commands call the same functions."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction

from thep.csvfiles import ImportRefused, RowError

# Called now and then with the number of rows read so far.
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Importer:
    """A kind of file the office imports from the admin. Named by dotted paths, so that this
    module (in thep, which every app depends on) imports none of the apps."""

    label: str  # as the admin says "Import memberships", "Import GIAS schools"
    function: str  # f(*, source, apply, leave_out_refused, progress, **options) -> ImportSummary
    permissions: tuple[str, ...]  # what a person needs to run it and see its jobs
    form: str = "thep.import_jobs.ImportUploadForm"  # its `options()` are the function's options


IMPORTERS: dict[str, Importer] = {
    "memberships": Importer(
        "memberships", "membership.imports.memberships_import", ("membership.add_membership",)
    ),
    "gias": Importer(
        "GIAS schools",
        "membership.gias.gias_import",
        ("membership.add_school", "membership.change_school"),
        form="membership.admin.GiasUploadForm",
    ),
    "census": Importer(
        "pupils on roll (census)",
        "membership.census.census_import",
        ("membership.add_pupilcount", "membership.change_pupilcount"),
        form="membership.admin_newyear.CensusUploadForm",
    ),
    "prices": Importer(
        "the price list",
        "membership.prices.prices_import",
        ("membership.add_price", "membership.change_price"),
        form="membership.admin_newyear.PricesUploadForm",
    ),
    "ofsted": Importer(
        "Ofsted inspections",
        "ofsted.mi_import.ofsted_import",
        ("ofsted.add_inspection", "ofsted.change_inspection"),
    ),
    "performance": Importer(
        "school performance data (DfE)",
        "outcomes.imports.performance_import",
        ("outcomes.add_figure", "outcomes.change_figure", "outcomes.delete_figure"),
        form="outcomes.admin.PerformanceUploadForm",
    ),
}


@dataclass
class ImportSummary:
    what: str  # "Ofsted inspections", "GIAS schools"
    layout: str = ""  # which layout was read, and what in the header said so
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows
    refused: list[RowError] = field(default_factory=list)
    applied: bool = False
    # What else the import changes, besides the rows it counts: what -> how many.
    also_changed: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def also(self, what: str) -> None:
        self.also_changed[what] = self.also_changed.get(what, 0) + 1

    def __str__(self) -> str:
        lines = [f"{self.what}: {self.layout}" if self.layout else self.what]
        lines.append(
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
            + ("" if self.applied else " (preview: nothing written)")
        )
        lines += [f"{count} {what}" for what, count in self.also_changed.items()]
        lines += [f"{count} skipped: {reason}" for reason, count in self.skipped.items()]
        if self.refused:
            lines.append(f"{len(self.refused)} problems in refused rows:")
            lines += [f"  {error}" for error in self.refused]
        return "\n".join(lines)


# How many refused rows the office agreed to leave out, when it agreed having seen a preview.
_agreed: ContextVar[int | None] = ContextVar("refused_rows_agreed", default=None)


@contextmanager
def refused_rows_agreed(rows: int) -> Iterator[None]:
    """Leaving out refused rows covers these many, those the preview showed: if the file now
    has more (the register changed since), nothing is written."""
    token = _agreed.set(rows)
    try:
        yield
    finally:
        _agreed.reset(token)


def refused_rows(summary: ImportSummary) -> int:
    return len({error.row for error in summary.refused})


class _Preview(Exception):
    """Raised inside the transaction of a preview so that nothing it wrote is kept."""


@contextmanager
def writing(summary: ImportSummary, *, apply: bool, leave_out_refused: bool) -> Iterator[None]:
    """The transaction an importer writes in, after reading the whole file into `summary`."""
    if apply and summary.refused and not leave_out_refused:
        raise ImportRefused(summary.refused)
    agreed = _agreed.get()
    if apply and agreed is not None and refused_rows(summary) > agreed:
        raise ImportRefused(
            [RowError(0, "", f"{refused_rows(summary)} rows are refused now, {agreed} at the "
                      "preview: the register changed since. Nothing has changed; upload the "
                      "file again to see why.")]
        )  # fmt: skip
    try:
        with transaction.atomic():
            yield
            if not apply:
                raise _Preview
    except _Preview:
        pass
    summary.applied = apply
