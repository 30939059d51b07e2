"""Reading spreadsheets that people upload: CSV in UTF-8 or Windows-1252, columns by header.

Every import refuses the whole file when any row is wrong, naming the row and column, so that a
refused file changes nothing."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True)
class RowError:
    row: int  # the line in the file, counting the header as line 1
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportRefused(Exception):
    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        shown = [str(error) for error in self.errors[:20]]
        more = len(self.errors) - len(shown)
        if more:
            shown.append(f"... and {more} more problems")
        return "The file was not imported; nothing has changed.\n" + "\n".join(shown)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_rows(
    source: str | Path | bytes | BinaryIO,
    *,
    required: Iterable[str],
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) with surrounding spaces stripped from headers and values,
    calling `progress` with the rows read so far every 1,000 rows.

    Raises ImportRefused at once if a required column is missing."""
    if isinstance(source, (str, Path)):
        data = Path(source).read_bytes()
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read()
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise ImportRefused([RowError(1, "", "the file is empty")]) from None
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportRefused(
            [RowError(1, name, "this column is missing from the header row") for name in missing]
        )
    for number, values in enumerate(reader, start=2):
        if progress is not None and number % 1000 == 0:
            progress(number - 1)
        if not any(value.strip() for value in values):
            continue
        yield number, {name: value.strip() for name, value in zip(header, values, strict=False)}
