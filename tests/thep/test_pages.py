import subprocess
import sys

from django.conf import settings
from django.test import Client, override_settings


def test_unknown_page_is_the_portals_own_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "THE Partnership" in response.content.decode()


@override_settings(DEBUG=False)
def test_server_error_page_shows_no_detail(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret database detail")

    monkeypatch.setattr("membership.views.schools_for", broken)
    from tests.factories import UserFactory

    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role="director", director_kind="executive"))
    response = client.get("/schools/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "secret database detail" not in response.content.decode()


def test_deploy_check_passes_with_production_settings(tmp_path):
    environment = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "a-long-random-production-secret-key-with-enough-characters-1234567890",
        "DATABASE_URL": "postgres://thep@db.internal:5432/thep",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "ALLOWED_HOSTS": "portal.thep.org.uk",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    environment = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": "postgres://x@y/z",
        "REDIS_URL": "redis://y",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
