"""The outcomes the migration seeds, put back when a transactional test has emptied the
tables (a flush leaves no data migration's rows behind)."""

import importlib

from django.apps import apps

from reports.models import Outcome


def seeded_outcomes() -> None:
    if not Outcome.objects.exists():
        migration = importlib.import_module("reports.migrations.0003_outcomes_framework")
        migration.seed_outcomes(apps, None)
        satisfaction = importlib.import_module("reports.migrations.0005_satisfaction")
        satisfaction.seed_satisfaction(apps, None)
