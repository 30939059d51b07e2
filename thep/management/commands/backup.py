from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thep.backups import backup_create


class Command(BaseCommand):
    help = "Back up the database to a timestamped pg_dump file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dir", default=str(settings.BACKUP_DIR))

    def handle(self, *args, dir: str, **options) -> None:
        try:
            path = backup_create(folder=Path(dir))
        except Exception as error:
            raise CommandError(f"The backup failed: {getattr(error, 'stderr', error)}") from None
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}"))
