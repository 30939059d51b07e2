import time

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client, override_settings
from django.urls import reverse

from thep.models import Role, SecurityEvent


def log_in(client, person) -> None:
    client.post(reverse("account_login"), {"login": person.email, "password": "thep-demo-2026"})
    assert client.session["_auth_user_id"] == str(person.pk)


def test_login_starts_a_new_session(client, head_a):
    client.get(reverse("account_login"))
    before = client.session.session_key
    log_in(client, head_a)
    assert client.session.session_key != before


@override_settings(SESSION_IDLE_SECONDS=60)
def test_idle_session_ends(client, head_a, monkeypatch):
    log_in(client, head_a)
    assert client.get(reverse("home")).status_code == 200
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


@override_settings(SESSION_ABSOLUTE_SECONDS=3600)
def test_session_ends_after_its_lifetime_even_when_busy(client, head_a, monkeypatch):
    log_in(client, head_a)
    start = time.time()
    for minutes in range(0, 61, 30):
        monkeypatch.setattr(time, "time", lambda minutes=minutes: start + minutes * 60)
        client.get(reverse("home"))
    monkeypatch.setattr(time, "time", lambda: start + 3601)
    assert client.get(reverse("home")).status_code == 302


def test_deactivating_a_person_ends_their_sessions(client, head_a):
    log_in(client, head_a)
    assert UserSession.objects.filter(user=head_a).count() == 1
    head_a.is_active = False
    head_a.save()
    assert UserSession.objects.filter(user=head_a).count() == 0
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert SecurityEvent.objects.filter(person=head_a, kind="sessions_ended").exists()


def test_losing_a_role_ends_sessions(client, head_a):
    log_in(client, head_a)
    head_a.role = Role.STAFF
    head_a.save()
    assert client.get(reverse("home")).status_code == 302


def test_a_person_can_end_their_other_sessions(client, head_a):
    other = Client()
    log_in(other, head_a)
    log_in(client, head_a)
    assert UserSession.objects.filter(user=head_a).count() == 2
    response = client.post(reverse("usersessions_list"), {"action": "logout"})
    assert response.status_code == 302
    assert UserSession.objects.filter(user=head_a).count() == 1
    assert other.get(reverse("home")).status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_logins_and_failures_are_recorded(client, head_a):
    client.post(reverse("account_login"), {"login": head_a.email, "password": "wrong-one"})
    log_in(client, head_a)
    kinds = list(SecurityEvent.objects.filter(person=head_a).values_list("kind", flat=True))
    assert sorted(kinds) == ["login", "login_failed"]


def test_refused_requests_are_recorded(client_for, head_b, school_a):
    client_for(head_b).get(f"/schools/{school_a.urn}/")
    event = SecurityEvent.objects.get(person=head_b, kind="refused")
    assert event.path == f"/schools/{school_a.urn}/"


def test_a_director_moved_to_another_phase_is_logged_out(client, primary_director):
    client.force_login(primary_director)
    primary_director.director_kind = "secondary"
    primary_director.save()
    assert client.get(reverse("home")).status_code == 302


def test_losing_office_access_ends_sessions(client, office_admin):
    client.force_login(office_admin)
    office_admin.is_staff = office_admin.is_superuser = False
    office_admin.save()
    assert client.get(reverse("home")).status_code == 302
    event = SecurityEvent.objects.get(person=office_admin, kind="sessions_ended")
    assert event.detail.endswith("sessions ended: office access removed")


def test_a_head_taken_off_their_school_is_logged_out_everywhere(client, head_a, school_a):
    log_in(client, head_a)
    head_a.affiliations.get(school=school_a).delete()
    assert client.get(reverse("home")).status_code == 302
    assert SecurityEvent.objects.filter(
        person=head_a, kind="sessions_ended", detail__endswith="no longer at Bonner Primary School"
    ).exists()


def test_changes_that_take_nothing_away_keep_the_session(client, head_a):
    log_in(client, head_a)
    head_a.job_title = "Executive headteacher"
    head_a.save()
    assert client.get(reverse("home")).status_code == 200
    assert not SecurityEvent.objects.filter(kind="sessions_ended").exists()


@pytest.mark.django_db(transaction=True)
def test_a_person_with_a_school_can_be_deleted(client, head_a):
    log_in(client, head_a)
    head_a.delete()
    assert not UserSession.objects.exists()
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_two_factor_code_is_recorded(client, director):
    client.post(reverse("account_login"), {"login": director.email, "password": "thep-demo-2026"})
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    event = SecurityEvent.objects.get(kind="login_failed")
    assert event.person == director
    assert event.detail == "wrong two-factor code when logging in"


def test_a_form_sent_without_its_token_is_refused_and_recorded(head_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(head_a)
    response = client.post(reverse("account_change_password"), {"oldpassword": "thep-demo-2026"})
    assert response.status_code == 403
    assert "You cannot do that" in response.content.decode()
    assert SecurityEvent.objects.get(person=head_a, kind="refused").detail == "403 CSRF"


def test_the_menu_leads_to_the_sessions_page_which_offers_to_end_the_others(client, head_a):
    log_in(Client(HTTP_USER_AGENT="Firefox on the school laptop"), head_a)
    log_in(client, head_a)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("usersessions_list")}">Where you are logged in</a>' in home
    page = client.get(reverse("usersessions_list")).content.decode()
    assert "Firefox on the school laptop" in page
    assert "Sign Out Other Sessions" in page


def test_changing_the_password_logs_out_the_other_devices(client, head_a):
    other = Client()
    log_in(other, head_a)
    log_in(client, head_a)
    new = {"password1": "a-new-long-password", "password2": "a-new-long-password"}
    client.post(reverse("account_change_password"), {"oldpassword": "thep-demo-2026", **new})
    assert client.get(reverse("home")).status_code == 200
    assert other.get(reverse("home")).status_code == 302


def test_a_path_that_is_no_page_is_not_a_refusal(client_for, head_a):
    assert client_for(head_a).get("/favicon.ico").status_code == 404
    assert not SecurityEvent.objects.filter(kind="refused").exists()
