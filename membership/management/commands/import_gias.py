from django.core.management.base import BaseCommand, CommandError

from membership.gias import gias_import
from membership.models import TOWER_HAMLETS
from thep.csvfiles import ImportRefused


class Command(BaseCommand):
    help = "Import schools from the DfE GIAS file (edubasealldata*.csv), all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--la",
            type=int,
            nargs="+",
            default=[TOWER_HAMLETS],
            help="Local authority codes to keep (default 211, Tower Hamlets).",
        )

    def handle(self, *args, path: str, la: list[int], **options) -> None:
        try:
            result = gias_import(source=path, la_codes=la)
        except FileNotFoundError:
            raise CommandError(f"There is no file at {path}.") from None
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(self.style.SUCCESS(str(result)))
