from django.core.management.base import BaseCommand, CommandError

from membership.gias import gias_import
from membership.models import TOWER_HAMLETS
from thep.csvfiles import ImportRefused


class Command(BaseCommand):
    help = (
        "Import schools from the DfE GIAS file (edubasealldata*.csv). A file with refused rows "
        "changes nothing unless --leave-out-refused."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--la",
            type=int,
            nargs="+",
            default=[TOWER_HAMLETS],
            help="Local authority codes to keep (default 211, Tower Hamlets).",
        )
        parser.add_argument(
            "--preview", action="store_true", help="Say what would change, and change nothing."
        )
        parser.add_argument(
            "--leave-out-refused",
            action="store_true",
            help="Write the other rows when some are refused (all together or not at all).",
        )

    def handle(
        self, *args, path: str, la: list[int], preview: bool, leave_out_refused: bool, **options
    ) -> None:
        try:
            summary = gias_import(
                source=path, la_codes=la, apply=not preview, leave_out_refused=leave_out_refused
            )
        except FileNotFoundError:
            raise CommandError(f"There is no file at {path}.") from None
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(self.style.SUCCESS(str(summary)))
