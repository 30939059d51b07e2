from django.core.management.base import BaseCommand, CommandError

from ofsted.mi_import import ofsted_import
from thep.csvfiles import ImportRefused


class Command(BaseCommand):
    help = (
        "Import Ofsted's management information CSV (state-funded schools - latest "
        "inspections), older or report-card columns; all or nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")

    def handle(self, *args, path: str, **options) -> None:
        try:
            result = ofsted_import(source=path)
        except FileNotFoundError:
            raise CommandError(f"There is no file at {path}.") from None
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(self.style.SUCCESS(str(result)))
