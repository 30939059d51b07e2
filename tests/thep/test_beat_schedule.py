"""One beat schedule: settings.CELERY_BEAT_SCHEDULE names every periodic task, and each of its
entries names a task the worker knows."""

import inspect
import re
from pathlib import Path

from django.conf import settings

from thep.celery import app

# A periodic task says so first thing in its docstring.
PERIODIC = re.compile(r"^Run by (Celery )?beat\b")
PROJECT = Path(settings.BASE_DIR)
APPS = ["thep", "membership", "improvement", "ofsted", "learning", "reports"]


def registered_tasks() -> dict:
    app.loader.import_default_modules()
    app.finalize(auto=True)
    return {name: task for name, task in app.tasks.items() if name.split(".")[0] in APPS}


def test_the_schedule_names_every_periodic_task_and_only_registered_tasks():
    tasks = registered_tasks()
    scheduled: list[str] = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert set(scheduled) <= set(tasks)
    periodic = {name for name, task in tasks.items() if PERIODIC.match(inspect.getdoc(task) or "")}
    assert sorted(periodic) == sorted(scheduled)
    assert "membership.standings.standings_rebuild_nightly" in periodic


def test_no_module_adds_beat_entries_of_its_own():
    for name in APPS:
        for path in (PROJECT / name).rglob("*.py"):
            if path == PROJECT / "thep" / "settings.py":
                continue
            source = path.read_text()
            for word in ("add_periodic_task", "on_after_configure", "beat_schedule"):
                assert word not in source, f"{path.relative_to(PROJECT)} uses {word}"
