import datetime
import json

from django.core.management import call_command
from django.utils import timezone

from tests.factories import UserFactory
from thep.models import SecurityEvent, User


def test_export_person_holds_their_account_and_activity(tmp_path, client, head_a):
    client.post("/accounts/login/", {"login": head_a.email, "password": "wrong-one"})
    output = tmp_path / "export.json"
    call_command("export_person", head_a.email, output=str(output))
    data = json.loads(output.read_text())
    assert data["account"]["email"] == head_a.email
    assert data["account"]["role"] == "Headteacher"
    assert [event["what"] for event in data["security events"]] == ["Failed login"]


def test_retention_is_a_dry_run_until_committed(db, capsys):
    long_ago = timezone.now() - datetime.timedelta(days=800)
    old_event = SecurityEvent.objects.create(kind="login")
    SecurityEvent.objects.filter(pk=old_event.pk).update(at=long_ago)
    SecurityEvent.objects.create(kind="login")
    gone = UserFactory(email="left@example.org", is_active=False, last_login=long_ago)

    call_command("apply_retention")
    assert "Dry run" in capsys.readouterr().out
    assert SecurityEvent.objects.count() == 2

    call_command("apply_retention", commit=True)
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) != [old_event.pk]
    assert SecurityEvent.objects.count() == 1
    gone.refresh_from_db()
    assert gone.email.endswith("@deleted.invalid")
    assert not User.objects.filter(email="left@example.org").exists()
