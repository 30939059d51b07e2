"""Made-up performance data for the demo schools: three years of key stage 2 (primaries), key
stage 4 (secondaries) and absence, with Tower Hamlets' and England's rows, written as the DfE's
files are and read by the import itself. Every figure is invented, as the demo's pupil numbers
are; the same schools get the same figures on every load."""

import random
from collections.abc import Callable

from membership.models import Phase, School
from outcomes.imports import performance_import
from thep import years

PLACES = "RECTYPE,LEA,ESTAB,URN,SCHNAME"
KS2 = f"{PLACES},PTRWM_EXP,PTRWM_HIGH,READ_AVERAGE,MAT_AVERAGE,PTRWM_EXP_FSM6CLA1A"
KS4 = f"{PLACES},ATT8SCR,P8MEA,PTL2BASICS_95,EBACCAPS,ATT8SCR_FSM6CLA1A"
ABSENCE = "LA,ESTAB,URN,SCHNAME,PERCTOT,PPERSABS10"


def _ks2(draw: random.Random) -> list[str]:
    expected = draw.randint(45, 85)
    return [
        f"{expected}%",
        f"{draw.randint(3, 20)}%",
        str(draw.randint(101, 108)),
        str(draw.randint(101, 108)),
        draw.choice([f"{expected - draw.randint(0, 15)}%", "SUPP"]),
    ]


def _ks4(draw: random.Random) -> list[str]:
    attainment = draw.uniform(38, 60)
    return [
        f"{attainment:.1f}",
        f"{draw.uniform(-0.6, 0.8):.2f}",
        f"{draw.randint(30, 70)}%",
        f"{attainment / 11:.2f}",
        f"{attainment - draw.uniform(2, 8):.1f}",
    ]


def _absence(draw: random.Random) -> list[str]:
    return [f"{draw.uniform(3.5, 8):.1f}", f"{draw.uniform(8, 25):.1f}"]


def _file(
    header: str,
    schools: list[School],
    cells: Callable[[random.Random], list[str]],
    year: int,
    area: list[str],
) -> bytes:
    record = header.startswith("RECTYPE")
    lines = [header]
    for school in schools:
        # Made-up values, not secrets (ruff S311, bandit B311).
        draw = random.Random(f"{school.urn}-{year}")  # noqa: S311  # nosec B311
        start = ["1"] if record else []
        row = [*start, str(school.la_code), "", str(school.urn), "", *cells(draw)]
        lines.append(",".join(row))
    start = ["4"] if record else []
    lines.append(",".join([*start, "211", "", "", "Tower Hamlets", *area]))
    start = ["7"] if record else []
    lines.append(",".join([*start, "", "", "", "England - state-funded schools", *area]))
    return "\r\n".join(lines).encode()


def load() -> None:
    schools = list(School.objects.filter(is_open=True).order_by("urn"))
    primaries = [school for school in schools if school.phase == Phase.PRIMARY]
    secondaries = [school for school in schools if school.phase == Phase.SECONDARY]
    last = years.current() - 1
    for year in range(last - 2, last + 1):
        england = {
            "ks2": ["61%", "8%", "105", "104", "46%"],
            "ks4": ["45.9", "-0.03", "46%", "4.07", "35.0"],
            "absence": ["5.9", "17.2"],
        }
        performance_import(
            source=_file(KS2, primaries, _ks2, year, england["ks2"]), kind="ks2", year=year
        )
        performance_import(
            source=_file(KS4, secondaries, _ks4, year, england["ks4"]), kind="ks4", year=year
        )
        performance_import(
            source=_file(ABSENCE, schools, _absence, year, england["absence"]),
            kind="absence",
            year=year,
        )
