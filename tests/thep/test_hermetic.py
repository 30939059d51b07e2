"""The tests run the same whatever the developer's shell exports (issue 16)."""

import re
from pathlib import Path

from django.conf import settings

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
