from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app may have a `demo` module with a `load()` that is safe to run again.
APPS = ("thep", "membership", "ofsted", "improvement", "learning", "reports")


class Command(BaseCommand):
    help = "Load the demo data: schools from the seed documents and a person for each role."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            for app in APPS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as missing:
                    if missing.name != f"{app}.demo":
                        raise
                    continue
                module.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
