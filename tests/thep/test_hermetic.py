"""The tests run the same whatever the developer's shell exports (issue 16)."""

import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from thep.celery import app

# The servers: the dev stack's, or a developer's own, as the README says.
FROM_OUTSIDE = {"DATABASE_URL", "REDIS_URL"}


def _read_from_environment() -> set[str]:
    source = (Path(settings.BASE_DIR) / "thep" / "settings.py").read_text()
    return set(re.findall(r"env\.\w+\(\s*\"([A-Z0-9_]+)\"", source))


def test_every_setting_read_from_the_environment_is_pinned_for_the_tests(pytestconfig):
    pinned = {}
    for entry in pytestconfig.getini("env"):
        name, _, value = entry.partition("=")
        assert not name.startswith("D:"), f"{name} is a default: a shell export would win"
        pinned[name] = value
    names = _read_from_environment()
    assert "THEP_MFA_REQUIRED_ROLES" in names  # the pattern finds calls over several lines
    assert sorted(names - FROM_OUTSIDE - set(pinned)) == []


def test_files_are_written_to_a_temporary_folder_not_the_developers(tmp_path_factory):
    base = tmp_path_factory.getbasetemp()
    for folder in (settings.MEDIA_ROOT, settings.BACKUP_DIR):
        assert Path(folder).is_relative_to(base)
        assert not Path(folder).is_relative_to(Path(settings.BASE_DIR) / ".data")


def test_each_test_process_has_a_redis_database_of_its_own(pytestconfig):
    """cache.clear() empties the whole Redis database: a process of the tests run beside
    another (pytest-xdist's gw0, gw1, ...) must not empty the other's cache or queue, nor a
    running dev stack's (database 0)."""
    worker = getattr(pytestconfig, "workerinput", {}).get("workerid", "gw0")
    process = int(worker.removeprefix("gw"))
    assert process + 1 == settings.REDIS_DB  # REDIS_DB=1 in pyproject.toml, then one each
    client = cache._cache.get_client()  # type: ignore[attr-defined]
    assert client.connection_pool.connection_kwargs["db"] == settings.REDIS_DB
    assert app.conf.broker_url == settings.CELERY_BROKER_URL
    assert settings.CELERY_BROKER_URL.endswith(f"virtual_host={settings.REDIS_DB}") or (
        settings.CELERY_BROKER_URL.endswith(f"/{settings.REDIS_DB}")
    )
