"""Charts drawn on the server as SVG, so the dashboard and the PDFs show the same picture.
Each is shown as an <img> with a data: address (no inline markup for the CSP to refuse), with
the figures in a table beside it for anyone who cannot see it."""

import base64
import functools
import io
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COLOURS = {"this": "#1f3a68", "last": "#9fb3d1", "schools": "#d9dee6"}
GRADE_COLOURS = ["#146c43", "#6cae75", "#ffc107", "#b02a37", "#adb5bd"]


@functools.cache
def _matplotlib() -> ModuleType:
    """matplotlib is imported when the first chart is drawn, not when the URLs load: it takes
    seconds, which every process's first request (and every test process) would otherwise pay."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    matplotlib.rcParams.update({"svg.hashsalt": "thep", "font.family": "DejaVu Sans"})
    return matplotlib


def _figure(width: float, height: float) -> "Figure":
    from matplotlib.figure import Figure

    _matplotlib()
    return Figure(figsize=(width, height))


def _svg(figure: "Figure") -> str:
    out = io.BytesIO()
    figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def membership_chart(figures: dict) -> str:
    rows = figures["membership"]["by_phase"]
    phases = [row["phase"] for row in rows]
    figure = _figure(6.4, 2.8)
    axes = figure.subplots()
    width = 0.27
    for offset, key, label, colour in (
        (-width, "schools", "Schools in the LA", COLOURS["schools"]),
        (0, "members_previous_year", "Members last year", COLOURS["last"]),
        (width, "members", "Members this year", COLOURS["this"]),
    ):
        axes.bar([i + offset for i in range(len(rows))], [row[key] for row in rows], width,
                 label=label, color=colour)  # fmt: skip
    axes.set_xticks(range(len(rows)), phases)
    axes.set_ylabel("Schools")
    axes.legend(frameon=False, fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def ofsted_chart(figures: dict) -> str:
    rows = figures["ofsted"]["by_phase"]
    figure = _figure(6.4, 2.8)
    axes = figure.subplots()
    left = [0] * len(rows)
    keys = ["outstanding", "good", "requires_improvement", "inadequate", "not_graded"]
    labels = ["Outstanding", "Good", "Requires improvement", "Inadequate", "Not graded"]
    for key, label, colour in zip(keys, labels, GRADE_COLOURS, strict=True):
        values = [row[key] for row in rows]
        axes.barh([row["phase"] for row in rows], values, left=left, label=label, color=colour)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("Member schools")
    axes.legend(frameon=False, fontsize=8, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def trend_chart(series: list[tuple[str, list[str], dict[str, list[float | None]]]]) -> str:
    """Small charts side by side, one per measure: (title, year labels, {line: values}), a
    value None where the year has none, so that a gap shows as a gap."""
    columns = min(len(series), 3)
    rows = -(-len(series) // columns)
    figure = _figure(2.4 * columns, 2.1 * rows)
    colours = {"School": COLOURS["this"], "LA": "#6cae75", "England": "#adb5bd"}
    for index, (title, labels, lines) in enumerate(series):
        axes = figure.add_subplot(rows, columns, index + 1)
        for name, values in lines.items():
            axes.plot(labels, [float("nan") if v is None else v for v in values], marker="o",
                      label=name, color=colours.get(name))  # fmt: skip
        axes.set_title(title, fontsize=7, wrap=True)
        axes.tick_params(labelsize=6)
        axes.spines[["top", "right"]].set_visible(False)
    figure.axes[0].legend(frameon=False, fontsize=6)
    figure.tight_layout()
    return _svg(figure)


def outcome_chart(
    *, trend: list[tuple[str, Decimal | None]], baseline: Decimal | None, target: Decimal | None
) -> str:
    """One outcome's value year by year (a gap where a year has no data), with its baseline
    and target as level lines; "" when no year has a value."""
    values = [float(value) if value is not None else float("nan") for _, value in trend]
    if all(value != value for value in values):  # NaN: no data in any year
        return ""
    figure = _figure(5.2, 2.4)
    axes = figure.subplots()
    labels = [label for label, _ in trend]
    axes.plot(labels, values, marker="o", color=COLOURS["this"], label="Value")
    for level, name, style in ((baseline, "Baseline", "--"), (target, "Target", ":")):
        if level is not None:
            axes.axhline(float(level), linestyle=style, color="#6c757d", label=name)
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes.legend(frameon=False, fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def answers_chart(*, groups: list[str], values: list[str], counts: list[list[int]]) -> str:
    """A survey question's answers in each phase group, as shares of the group's answers:
    one bar a group, one colour a rating or choice (`counts[value][group]`)."""
    totals = [sum(column) for column in zip(*counts, strict=True)]
    shown = [i for i, total in enumerate(totals) if total]
    figure = _figure(6.4, 0.5 + 0.45 * len(shown))
    axes = figure.subplots()
    left = [0.0] * len(shown)
    colours = _matplotlib().colormaps["RdYlGn"]
    for index, (value, row) in enumerate(zip(values, counts, strict=True)):
        shares = [100 * row[i] / totals[i] for i in shown]
        axes.barh([groups[i] for i in shown], shares, left=left, label=value,
                  color=colours(index / max(len(values) - 1, 1)))  # fmt: skip
        left = [a + b for a, b in zip(left, shares, strict=True)]
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of answers")
    axes.legend(frameon=False, fontsize=7, ncols=min(len(values), 5), loc="upper center",
                bbox_to_anchor=(0.5, -0.35))  # fmt: skip
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)
