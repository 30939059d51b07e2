import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thep.backups import backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--database", help="Restore into this database instead (created if missing)."
        )
        parser.add_argument(
            "--yes", action="store_true", help="Confirm replacing the portal's own database."
        )

    def handle(self, *args, path: str, database: str | None, yes: bool, **options) -> None:
        if not Path(path).is_file():
            raise CommandError(f"There is no backup at {path}.")
        if database and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", database):
            raise CommandError("A database name has only small letters, digits and _.")
        if not database and not yes:
            raise CommandError(
                "This replaces everything in the portal's database with the backup. "
                "Run again with --yes if that is what you want."
            )
        try:
            backup_restore(path=Path(path), database=database)
        except Exception as error:
            raise CommandError(f"The restore failed: {getattr(error, 'stderr', error)}") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {path}"))
