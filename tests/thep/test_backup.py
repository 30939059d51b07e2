import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import AffiliationFactory, SchoolFactory


def row_counts(database: str) -> dict[str, int]:
    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname=database, host=db["HOST"], port=db["PORT"], user=db["USER"], autocommit=True
    ) as conn:
        counts = {}
        for model in apps.get_models():
            table = model._meta.db_table
            row = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
            assert row is not None
            counts[table] = row[0]
        return counts


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_has_every_row(tmp_path, head_a, lc_a):
    SchoolFactory.create_batch(5)
    AffiliationFactory()
    call_command("backup", dir=str(tmp_path))
    [dump] = tmp_path.glob("thep-*.dump")
    # Named after the test database, which is each test process's own (pytest-xdist).
    target = f"{connection.settings_dict['NAME']}_restore_check"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
    try:
        call_command("restore", str(dump), database=target)
        restored = row_counts(target)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
    original = row_counts(connection.settings_dict["NAME"])
    assert restored == original
    assert restored["membership_school"] >= 7


def test_restore_over_the_live_database_needs_confirmation(tmp_path, db):
    dump = tmp_path / "thep-x.dump"
    dump.write_bytes(b"not really")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(dump))
    with pytest.raises(CommandError, match="There is no backup"):
        call_command("restore", str(tmp_path / "missing.dump"), yes=True)
