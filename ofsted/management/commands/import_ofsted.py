from django.core.management.base import BaseCommand, CommandError

from ofsted.mi_import import ofsted_import
from thep.csvfiles import ImportRefused


class Command(BaseCommand):
    help = (
        "Import Ofsted's management information CSV (state-funded schools: latest inspections "
        "and outcomes), in any layout published since 2015. A file with refused rows changes "
        "nothing unless --leave-out-refused is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--preview", action="store_true", help="Say what the file would change; write nothing."
        )
        parser.add_argument(
            "--leave-out-refused",
            action="store_true",
            help="Write the rows that can be read and leave out the refused ones.",
        )

    def handle(self, *args, path: str, preview: bool, leave_out_refused: bool, **options) -> None:
        try:
            summary = ofsted_import(
                source=path, apply=not preview, leave_out_refused=leave_out_refused
            )
        except FileNotFoundError:
            raise CommandError(f"There is no file at {path}.") from None
        except ImportRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(str(summary))
        if summary.refused and not summary.applied:
            raise CommandError(
                f"{len(summary.refused)} problems in refused rows; nothing was written."
            )
