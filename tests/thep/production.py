"""Settings as production reads them, in a fresh process."""

import ast
import subprocess
import sys

from django.conf import settings


def production_setting(*names: str, also: dict[str, str] | None = None) -> list[object]:
    """Settings as production reads them: only the required variables set (and `also`)."""
    environment = {
        **(also or {}),
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "a-long-random-production-secret-key-with-enough-characters-1234567890",
        "DATABASE_URL": "postgres://thep@db.internal:5432/thep",
        "REDIS_URL": "redis://redis.internal:6379/0",
    }
    code = "from django.conf import settings\n" + "".join(
        f"print(repr(settings.{name}))\n" for name in names
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return [ast.literal_eval(line) for line in result.stdout.splitlines()]
