"""The KPI figures as CSV rows: one row per figure, its section, its label and its value, so a
spreadsheet can filter them and the columns never change shape from year to year."""

import csv
import io

from thep.downloads import csv_cell

# Rows of a list are named by their phase or school rather than their place in it.
NAMES = ("school", "phase")


def rows(figures: dict) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str]] = []

    def walk(section: str, value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{section}.{key}" if section else str(key), inner)
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                key = next((k for k in NAMES if isinstance(inner, dict) and k in inner), None)
                if key:
                    rest = {k: v for k, v in inner.items() if k != key}
                    walk(f"{section}.{inner[key]}", rest)
                else:
                    walk(f"{section}.{index}", inner)
        else:
            found.append((section, "" if value is None else str(value)))

    walk("", {key: value for key, value in figures.items() if key != "year"})
    return [(figures["year"], name, value) for name, value in found]


def to_csv(figures: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Year", "Figure", "Value"])
    writer.writerows([csv_cell(value) for value in row] for row in rows(figures))
    return out.getvalue()
