"""Reading spreadsheets that people upload: CSV as Excel and the publishers save it, columns by
header name, rows streamed (a national file of 65 MB is never held in memory whole).

Read: UTF-8, with or without the byte order mark Excel writes, and Windows-1252 (Excel's plain
"CSV (comma delimited)", and the DfE's GIAS file). The reader starts in UTF-8 and turns to
Windows-1252 at the first byte that cannot be UTF-8, if nothing before it was written in UTF-8
(plain ASCII reads the same in both). Refused, saying what the file is and how to save it:

- UTF-16 (Excel's "Unicode text"): its byte order mark, or NUL bytes in the first line.
- Mac Roman (a Mac's "Western (Mac OS Roman)"): the bytes 0x81 0x8D 0x8F 0x90 0x9D mean nothing
  in Windows-1252 and are Mac Roman's Å ç è ê ù; and Mac Roman's é, ü and curly apostrophe
  (0x8E 0x9F 0xD5) read in Windows-1252 as Ž, Ÿ and Õ, a capital accented letter inside a word
  ("RenŽe", "MaryÕs", "MŸller"), which no name written in Windows-1252 has.
- UTF-8 and Windows-1252 mixed in one file (rows pasted together from two sources).
- a header row separated by semicolons or tabs.

Every import refuses the whole file when any row is wrong, naming the row and column, so that a
refused file changes nothing. Rows are counted as Excel numbers them: the first line is row 1,
and a row whose quoted cell holds line breaks is still one row."""

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NoReturn

SAVE_AS = "save it from Excel as 'CSV UTF-8 (comma delimited)' and upload that"
# Where the header may sit below title rows, it is looked for in this many rows.
TITLE_ROWS = 30


@dataclass(frozen=True)
class RowError:
    row: int  # the row in the file, the first line being row 1; 0 for the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
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


def _refuse(message: str, row: int = 0, column: str = "") -> NoReturn:
    raise ImportRefused([RowError(row, column, message)])


# Capitals Windows-1252 gives for Mac Roman's small letters and apostrophe, inside a word: after
# a small letter, or between a letter and a small one ("MŸller").
_CAPITALS = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞŠŒŽŸ"
MAC_ROMAN_SIGN = re.compile(f"[a-z][{_CAPITALS}]|[A-Za-z][{_CAPITALS}][a-z]")
# Every byte but those capitals' in Windows-1252: deleting them shows at C speed whether a line
# has one, so that the pattern is searched for only in the few lines that do.
_NOT_CAPITALS = bytes(set(range(256)) - set(_CAPITALS.encode("cp1252")))


class _Lines:
    """The file's lines as text, for the csv reader. `read_rows` tells it which row the reader
    is in (`row`, and `header` once known), so that a bad byte is named by row and column."""

    def __init__(self, raw: Iterable[bytes]) -> None:
        self.raw = raw
        self.encoding = "utf-8"
        self.saw_utf8 = False  # a character beyond ASCII was read as UTF-8
        self.row = 1
        self.pending = ""  # what the csv reader has had of this row so far
        self.header: list[str] = []

    def __iter__(self) -> Iterator[str]:
        first = True
        for line in self.raw:
            if first:
                first = False
                if line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in line:
                    _refuse(f"This file is UTF-16 (Excel's 'Unicode text'); {SAVE_AS}.")
                line = line.removeprefix(codecs.BOM_UTF8)
            text = self._decode(line)
            self.pending += text
            yield text

    def _decode(self, line: bytes) -> str:
        if self.encoding == "utf-8":
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as error:
                if self.saw_utf8:
                    self._bad_byte(line, error.start, "mixed")
                self.encoding = "cp1252"
            else:
                self.saw_utf8 = self.saw_utf8 or not text.isascii()
                return text
        try:
            text = line.decode("cp1252")
        except UnicodeDecodeError as error:
            self._bad_byte(line, error.start, "mac")
        if line.isascii():
            return text
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            found = MAC_ROMAN_SIGN.search(text) if line.translate(None, _NOT_CAPITALS) else None
            if found:
                self._mac_roman_letter(text, found)
            return text
        first = next(index for index, byte in enumerate(line) if byte > 0x7F)
        self._bad_byte(line, first, "mixed")

    def column_at(self, text: str) -> str:
        """The column in which `text`, the start of this row, ends."""
        cells = list(csv.reader(io.StringIO(text, newline="")))
        index = max(len(cells[-1]) - 1, 0) if cells else 0
        if index < len(self.header):
            return self.header[index]
        return f"column {index + 1}"

    def _mac_roman_letter(self, text: str, found: re.Match[str]) -> NoReturn:
        column = self.column_at(self.pending + text[: found.start() + 1])
        _refuse(
            f"'{found.group()}' looks like a Mac Roman letter read as Windows-1252: this file "
            f"looks like Mac Roman (a Mac's 'Western (Mac OS Roman)'); {SAVE_AS}.",
            self.row,
            column,
        )

    def _bad_byte(self, line: bytes, at: int, kind: str) -> NoReturn:
        before = line[:at].decode(self.encoding, errors="replace")
        column = self.column_at(self.pending + before)
        byte = f"the byte 0x{line[at]:02X}"
        if kind == "mixed":
            if self.encoding == "cp1252":
                now, was = "UTF-8", "Windows-1252"
            else:
                now, was = "Windows-1252", "UTF-8"
            message = (
                f"{byte} is {now}, where the rows above are {was}: this file mixes two "
                f"encodings (rows pasted from two files?); {SAVE_AS}."
            )
        else:
            message = (
                f"{byte} means nothing in Windows-1252 or UTF-8: this file looks like Mac Roman "
                f"(a Mac's 'Western (Mac OS Roman)'); {SAVE_AS}."
            )
        _refuse(message, self.row, column)


@contextmanager
def _opened(source: str | Path | bytes | BinaryIO) -> Iterator[Iterable[bytes]]:
    if isinstance(source, (str, Path)):
        with open(source, "rb") as file:
            yield file
    elif isinstance(source, bytes):
        yield io.BytesIO(source)
    else:
        yield source


def _separator(cells: list[str]) -> str:
    joined = "".join(cells)
    if ";" in joined and len(cells) < 3:
        return "semicolons (Excel's CSV in some European settings)"
    if "\t" in joined and len(cells) < 3:
        return "tabs (Excel's 'Text (Tab delimited)')"
    return ""


def read_rows(
    source: str | Path | bytes | BinaryIO,
    *,
    required: Iterable[str],
    progress: Callable[[int], None] | None = None,
    header_has: str = "",
    on_header: Callable[[list[str], int], None] | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, row) with surrounding spaces stripped from headers and values,
    calling `progress` with the rows read so far every 1,000 rows and at the end.

    The header is the first row, or with `header_has` the first row that has a cell of that
    name (the rows above it being titles); `on_header` is given it and its row number before
    any row is read, and may refuse the file. Raises ImportRefused at once if the file cannot
    be read or a required column is missing, and when reading reaches a bad byte."""
    required = list(required)
    with _opened(source) as raw:
        lines = _Lines(raw)
        reader = csv.reader(lines)
        header = lines.header = _header(reader, lines, header_has)
        missing = [name for name in required if name not in header]
        if missing:
            separator = _separator(header)
            if separator:
                _refuse(f"This file is separated by {separator}, not commas; {SAVE_AS}.")
            raise ImportRefused(
                [
                    RowError(lines.row, name, "this column is missing from the header row")
                    for name in missing
                ]
            )
        if on_header is not None:
            on_header(header, lines.row)
        count = 0
        for number, values in _rows(reader, lines):
            count += 1
            if progress is not None and count % 1000 == 0:
                progress(count)
            if not "".join(values).strip():
                continue
            row = dict(zip(header, map(str.strip, values), strict=False))
            yield number, row
        if progress is not None:
            progress(count)


def _rows(reader: Iterator[list[str]], lines: _Lines) -> Iterator[tuple[int, list[str]]]:
    """The rows below the header with their numbers, keeping `lines.row` the number of the row
    the csv reader is reading."""
    lines.row += 1
    lines.pending = ""
    for values in reader:
        number = lines.row
        lines.row += 1
        lines.pending = ""
        yield number, values


def _header(reader: Iterator[list[str]], lines: _Lines, header_has: str) -> list[str]:
    seen: list[list[str]] = []
    for values in reader:
        lines.pending = ""
        cells = [name.strip() for name in values]
        if not header_has or header_has in cells:
            return cells
        seen.append(cells)
        if len(seen) == TITLE_ROWS:
            break
        lines.row += 1
    if not seen:
        _refuse("The file is empty.")
    separator = next(filter(None, map(_separator, seen)), "")
    if separator:
        _refuse(f"This file is separated by {separator}, not commas; {SAVE_AS}.")
    _refuse(
        f"No row in the first {TITLE_ROWS} has a cell '{header_has}', which the header row has:"
        " is this the right file?"
    )
