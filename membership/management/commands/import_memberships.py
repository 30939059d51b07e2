from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from membership.imports import memberships_import
from thep.csvfiles import ImportRefused


class Command(BaseCommand):
    help = "Import memberships from a CSV (URN, year, category, optional name and package)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options) -> None:
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        try:
            count = memberships_import(source=path)
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(self.style.SUCCESS(f"{count} memberships imported."))
