import json

from django.core.management.base import BaseCommand, CommandError

from reports.flat import to_csv
from reports.kpis import kpi_figures
from thep import years
from thep.models import Role, User


class Command(BaseCommand):
    help = "Print the KPI figures of a membership year as JSON or CSV."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", required=True, help="The membership year, like 2017-18.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, year: str, format: str, **options) -> None:
        try:
            start = years.parse(year)
        except ValueError as bad:
            raise CommandError(str(bad)) from bad
        # The command runs for the Executive Director's view: every phase, every figure.
        director = User.objects.filter(role=Role.DIRECTOR, is_active=True).first()
        if director is None:
            raise CommandError("There is no director to run the report as; add one first.")
        figures = kpi_figures(user=director, year=start)
        if format == "csv":
            self.stdout.write(to_csv(figures), ending="")
        else:
            self.stdout.write(json.dumps(figures, indent=2))
