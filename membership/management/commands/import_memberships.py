from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from membership.imports import memberships_import
from thep.csvfiles import ImportRefused


class Command(BaseCommand):
    help = "Import memberships from a CSV (URN, year, category, optional name and package)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--preview", action="store_true", help="Check and count; write nothing."
        )
        parser.add_argument(
            "--leave-out-refused", action="store_true", help="Write the rows that can be taken."
        )

    def handle(self, *args, path: Path, preview: bool, leave_out_refused: bool, **options) -> None:
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        try:
            summary = memberships_import(
                source=path, apply=not preview, leave_out_refused=leave_out_refused
            )
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(self.style.SUCCESS(str(summary)))
