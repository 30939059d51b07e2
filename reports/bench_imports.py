"""`make bench-imports`: how long the two national-size imports take, and their peak memory.

Run as `python -m reports.bench_imports` inside the dev stack (`thep.devstack exec`, with its own
data folder, emptied first). It writes made-up files in the publishers' real layouts
(membership.sample_files, ofsted.sample_files), then runs each import as the office would, one
process each so that the peak memory is that import's:

1. GIAS, about 52,000 rows, every local authority, into an empty register;
2. the same file again (nothing changes);
3. Ofsted's report-card file, one row for each of 22,000 schools of the register;
4. the DfE's key stage 2 file, 17,000 primaries of the register (14 figures each).

Targets on a 2-core machine: each under 60 s and under 250 MB. A command, not a test: the
numbers go in notes."""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OFSTED_ROWS = 22000
KS2_ROWS = 17000  # England's primaries with key stage 2 results


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thep.settings")
    import django

    django.setup()


def _run(kind: str, path: str) -> None:
    """One import, in this process: prints its time and the process's peak memory."""
    _setup()
    from membership.gias import gias_import
    from ofsted.mi_import import ofsted_import

    started = time.perf_counter()
    if kind == "gias":
        las = [int(code) for code in os.environ["BENCH_LAS"].split(",")]
        summary = gias_import(source=path, la_codes=las, leave_out_refused=True)
    elif kind == "performance":
        from outcomes.imports import performance_import

        summary = performance_import(source=path, kind="ks2", year=2024, leave_out_refused=True)
    else:
        summary = ofsted_import(source=path, leave_out_refused=True)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = (
        f"{summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{len(summary.refused)} refused"
    )
    print(f"RESULT {seconds:.1f} s, peak {peak_mb:.0f} MB: {counts}")


def main() -> None:
    _setup()
    from django.core.management import call_command

    from membership import sample_files as gias_files
    from membership.models import School
    from ofsted import sample_files as ofsted_files

    call_command("migrate", "--no-input", "-v", "0")
    call_command("flush", "--no-input", "-v", "0")
    folder = Path(tempfile.mkdtemp(prefix="thep-bench-imports-"))
    gias = folder / "edubasealldata.csv"
    gias_files.write_national_gias(gias)
    las = ",".join(str(code) for code in gias_files.LA_CODES)
    steps = [
        ("GIAS, every LA, empty register", "gias", gias),
        ("GIAS, every LA, the same file again", "gias", gias),
    ]
    for label, kind, path in steps:
        _step(label, kind, path, las)
    ofsted = folder / "ofsted.csv"
    urns = School.objects.order_by("urn").values_list("urn", flat=True)[:OFSTED_ROWS]
    rows = ofsted_files.write_national_file(ofsted, list(urns))
    _step(f"Ofsted report-card file, {rows} schools of the register", "ofsted", ofsted, las)
    ks2 = folder / "england_ks2final.csv"
    urns = School.objects.filter(phase="primary").order_by("urn").values_list("urn", flat=True)
    rows = _write_ks2(ks2, list(urns[:KS2_ROWS]))
    _step(f"DfE key stage 2 file, {rows} schools of the register", "performance", ks2, las)
    for path in (gias, ofsted, ks2):
        path.unlink()
    folder.rmdir()


def _write_ks2(path: Path, urns: list[int]) -> int:
    """A key stage 2 file of every primary (made-up figures, the fixture's header), with
    England's row."""
    header = Path("tests/fixtures/dfe/england_ks2final_2023-24.csv").read_text().splitlines()[0]
    figures = "70%,20%,106,105,1.5,0.5,2.0,55%,SUPP,103,102,0.4,NE,1.1"
    with path.open("w") as file:
        file.write(header + "\r\n")
        for index, urn in enumerate(urns):
            file.write(f"1,211,{index % 10000},{urn},School,Town,E1 1AA,60,55%,{figures}\r\n")
        file.write(f"7,,,,England - state-funded schools,,,650000,32%,{figures}\r\n")
    return len(urns)


def _step(label: str, kind: str, path: Path, las: str) -> None:
    size = path.stat().st_size / 1_000_000
    done = subprocess.run(
        [sys.executable, "-m", "reports.bench_imports", kind, str(path)],
        env={**os.environ, "BENCH_LAS": las},
        capture_output=True,
        text=True,
        check=False,
    )
    result = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode or not result:
        print(f"{label}: failed\n{done.stdout}{done.stderr}")
        sys.exit(1)
    print(f"{label} ({size:.0f} MB): {result[-1].removeprefix('RESULT ')}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        _run(sys.argv[1], sys.argv[2])
    else:
        main()
