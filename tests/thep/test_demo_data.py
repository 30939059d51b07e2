import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.core.management import CommandError, call_command

from membership.models import School
from tests.thep.production import production_setting
from thep.models import User

DEMO_LOGINS = [
    "admin@example.org", "director@example.org", "primary.director@example.org",
    "secondary.director@example.org", "lc@example.org", "head@example.org",
    "head2@example.org", "la@example.org",
]  # fmt: skip


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_demo_data_loads_once_and_a_second_run_changes_nothing(demo_db):
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert set(DEMO_LOGINS) <= set(User.objects.values_list("email", flat=True))
    bonner = School.objects.get(name="Bonner Primary School")
    head = User.objects.get(email="head@example.org")
    assert head.check_password("thep-demo-2026")
    assert bonner.affiliations.filter(person=head).exists()
    assert bonner.allocations.filter(consultant__email="lc@example.org").exists()
    assert School.objects.filter(phase="primary").count() >= 67
    assert School.objects.filter(name="Bowden House School", la_code=845).exists()
    assert School.objects.get(name="Mulberry UTC").is_academy
    # Made-up data is nobody's change: the office's audit trail starts empty.
    assert not LogEntry.objects.exists()


def test_production_makes_no_demo_people_with_a_known_password(db, settings):
    settings.THEP_DEMO_PASSWORD = ""
    with pytest.raises(CommandError, match="THEP_DEMO_PASSWORD"):
        call_command("load_demo")
    assert not User.objects.filter(email__in=DEMO_LOGINS).exists()
    assert not School.objects.exists()


def test_production_settings_have_no_demo_password():
    assert production_setting("THEP_DEMO_PASSWORD") == [""]
