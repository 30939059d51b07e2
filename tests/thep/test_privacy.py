import datetime
import json

from allauth.usersessions.models import UserSession
from auditlog.models import LogEntry
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory
from thep.models import SecurityEvent, User


def test_export_person_holds_their_account_and_activity(tmp_path, client, head_a):
    client.post("/accounts/login/", {"login": head_a.email, "password": "wrong-one"})
    Client(HTTP_USER_AGENT="Firefox on the school laptop").post(
        "/accounts/login/", {"login": head_a.email, "password": "thep-demo-2026"}
    )
    output = tmp_path / "export.json"
    call_command("export_person", head_a.email, output=str(output))
    data = json.loads(output.read_text())
    assert data["account"]["email"] == head_a.email
    assert data["account"]["role"] == "Headteacher"
    assert [event["what"] for event in data["security events"]] == ["Logged in", "Failed login"]
    assert [session["browser"] for session in data["sessions"]] == ["Firefox on the school laptop"]


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


def test_retention_prunes_the_audit_trail_past_its_setting(db, settings, head_a):
    settings.THEP_AUDIT_LOG_DAYS = 365
    head_a.job_title = "Headteacher in 2020"
    head_a.save()
    LogEntry.objects.update(timestamp=timezone.now() - datetime.timedelta(days=366))
    head_a.job_title = "Headteacher now"
    head_a.save()
    assert LogEntry.objects.count() > 1

    call_command("apply_retention", commit=True)
    remaining = [entry.changes_dict.get("job_title") for entry in LogEntry.objects.all()]
    assert remaining == [["Headteacher in 2020", "Headteacher now"]]


def test_retention_removes_ended_sessions_and_what_the_session_list_kept(db, client, head_a):
    log_in = {"login": head_a.email, "password": "thep-demo-2026"}
    Client(HTTP_USER_AGENT="Firefox on the school laptop").post("/accounts/login/", log_in)
    client.post("/accounts/login/", log_in)
    Session.objects.exclude(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("apply_retention")
    assert UserSession.objects.count() == Session.objects.count() == 2

    call_command("apply_retention", commit=True)
    assert [entry.session_key for entry in UserSession.objects.all()] == [
        client.session.session_key
    ]
    assert Session.objects.count() == 1
    assert client.get("/").status_code == 200
