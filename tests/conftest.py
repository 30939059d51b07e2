"""The fixed cast, reused by every test (CONVENTIONS 7).

School A is a Tower Hamlets primary with its head, a member of staff, its LC and its head's
coach; school B is another primary with its own head, and a teacher who moderates school A's
KS2 writing. Then one of each other role."""

import contextlib
import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.commands import flush as flush_command
from django.db import connection
from django.db.backends.postgresql.operations import DatabaseOperations
from django.test import override_settings

from tests.factories import AffiliationFactory, AllocationFactory, SchoolFactory, UserFactory
from thep.models import DirectorKind, Role
from thep.office import office_group


@pytest.fixture(scope="session", autouse=True)
def _temporary_files(tmp_path_factory):
    """Files the tests make (PDFs, uploads, backups) go to folders of their own, removed by
    pytest, never to the developer's .data/media."""
    with override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"), BACKUP_DIR=tmp_path_factory.mktemp("backups")
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def _static_files_found_when_asked():
    """WhiteNoise lists every static file of every app (Django's admin has hundreds) when its
    middleware starts, which it does for each new test client: a fifth of a second each, most
    of the access matrix's time. The tests ask for few of those files; WhiteNoise finds each
    when it is asked for instead, as it does in development. Production, one start a worker,
    lists them once."""
    with override_settings(WHITENOISE_AUTOREFRESH=True):
        yield


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing costs a third of a second a person; the tests make hundreds of people."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="session", autouse=True)
def _emptied_by_delete():
    """After a test that commits (a live server, a worker), Django empties every table with
    one TRUNCATE, which makes a new file for each of the ~80 tables: 2-3 s a test on a busy
    machine. The tables hold a test's few rows, and deleting them takes a tenth of that.
    Foreign keys are checked at the end of the one transaction, when all are empty. (A copy
    of the demo holds thousands of rows: TRUNCATE stays quicker there.)

    Content types and permissions are kept, so Django's post_migrate, which would make them
    again after each such test (most of a second), has nothing to do and is not sent: the
    migrations made them, and no test changes them."""
    original = DatabaseOperations.sql_flush
    kept = {"django_content_type", "auth_permission"}

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        tables = [table for table in tables if table not in kept]
        demo = self.connection.settings_dict["NAME"].endswith("_demo_copy")
        if reset_sequences or allow_cascade or demo:
            return original(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED"] + [
            f"DELETE FROM {self.quote_name(table)}"  # noqa: S608 (Django's own table names)
            for table in tables
        ]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        patch.setattr(flush_command, "emit_post_migrate_signal", lambda *args, **kwargs: None)
        yield


def _database_statement(sql: str, params: list[str] | None = None) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql, params)


def _copy_database(name: str, *, template: str) -> None:
    """PostgreSQL copies a database file by file: well under a second for the demo's."""
    _database_statement(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    # Threads of an earlier test's Celery worker may still hold connections to the template.
    _database_statement(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        [template],
    )
    _database_statement(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


@contextlib.contextmanager
def _connected_to(name: str) -> Iterator[None]:
    """Every connection opened meanwhile, a worker thread's too, goes to this database."""
    settings_dict = connection.settings_dict
    original = settings_dict["NAME"]
    connection.close()
    settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = original


def _migrations_digest() -> str:
    """What a migrated database is made from: our migrations, and the locked versions of the
    packages whose migrations run with them."""
    root = Path(django_settings.BASE_DIR)
    digest = hashlib.sha256((root / "requirements-dev.lock").read_bytes())
    for path in sorted(root.glob("*/migrations/*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _migrate_into(name: str) -> None:
    """Django's own test database creation, into the database `name`: every migration runs."""
    test = connection.settings_dict["TEST"]
    own = test.get("NAME")
    test["NAME"] = name
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        test["NAME"] = own
        connection.close()


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """Each test process's database is a copy of one migrated database. Running the
    migrations takes a minute of a core (Django renders the models again after each one);
    a copy takes a second. The migrated database is named by what it was made from, so it
    is made once per change of a migration or of the lock file, by the first test process
    to need it, while the others wait (a PostgreSQL advisory lock); older ones are dropped."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    settings_dict = connection.settings_dict
    own = settings_dict["TEST"].get("NAME") or f"test_{settings_dict['NAME']}"  # Django's rule
    base = own.removesuffix(f"_{worker}") if worker else own
    template = f"{base}_migrated_{_migrations_digest()}"
    with django_db_blocker.unblock(), connection._nodb_cursor() as lock:
        lock.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
        lock.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if lock.fetchone() is None:
            lock.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{base}_migrated_%"]
            )
            for (old,) in lock.fetchall():
                _database_statement(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
            _migrate_into(template)
        _copy_database(own, template=template)
        lock.execute("SELECT pg_advisory_unlock(hashtext(%s))", [template])
    connection.close()
    settings_dict["NAME"] = own
    django_settings.DATABASES[connection.alias]["NAME"] = own
    yield


def _demo_template_name() -> str:
    """One template for all the test processes of a run (pytest-xdist's gw0, gw1, ... each have
    a test database of their own, test_NAME_gw0, from which the suffix is taken off)."""
    name = connection.settings_dict["NAME"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"{name.removesuffix(f'_{worker}') if worker else name}_demo"


def _last_share_start(count: int, workers: int) -> int:
    """Where the last test process's first share of the tests begins: pytest-xdist's
    `worksteal` hands each process an equal run of the collected tests, in order."""
    pending = count
    for index in range(workers):
        share = pending // (workers - index)
        pending -= share
    return count - share


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The tests on the demo data go first in the last process's share, so that it loads the
    demo (half a minute) while the other processes get on with their own tests instead of
    waiting for it."""
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    if workers < 2:
        return
    demo = [item for item in items if "_demo_template" in getattr(item, "fixturenames", ())]
    others = [item for item in items if item not in demo]
    start = _last_share_start(len(items), workers)
    items[:] = others[:start] + demo + others[start:]


@pytest.fixture(scope="session")
def _demo_template(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The demo data, loaded once a run (it takes half a minute) into a database of its own.
    The first test process to need it loads it while the others wait (a PostgreSQL advisory
    lock); the database's comment says which run it was loaded for."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
    template = _demo_template_name()
    with django_db_blocker.unblock(), connection._nodb_cursor() as lock:
        lock.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
        lock.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [template],
        )
        loaded_for = lock.fetchone()
        if loaded_for is None or loaded_for[0] != run:
            connection.close()
            _copy_database(template, template=connection.settings_dict["NAME"])
            with _connected_to(template), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                call_command("load_demo", verbosity=0)
            # A command takes no parameters; the run's id is hexadecimal.
            assert run.isalnum()
            lock.execute(f"COMMENT ON DATABASE \"{template}\" IS '{run}'")
        lock.execute("SELECT pg_advisory_unlock(hashtext(%s))", [template])
    yield template
    if "PYTEST_XDIST_WORKER" not in os.environ:  # other processes may still copy it
        with django_db_blocker.unblock():
            _database_statement(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


@pytest.fixture
def _demo_database(_demo_template, django_db_blocker) -> Iterator[None]:
    """A fresh copy of the demo database for one test, which may change it as it likes."""
    copy = f"{connection.settings_dict['NAME']}_demo_copy"  # the test process's own
    with django_db_blocker.unblock():
        _copy_database(copy, template=_demo_template)
    with _connected_to(copy):
        yield
    with django_db_blocker.unblock():
        _database_statement(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


@pytest.fixture
def demo_db(_demo_database, db) -> None:
    """The demo data (`manage.py load_demo`), in a transaction rolled back after the test.
    Asked for first, before any fixture that uses the database."""


@pytest.fixture
def demo_transactional_db(_demo_database, transactional_db) -> None:
    """The demo data, committed for real: for tests with a Celery worker."""


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached figures live in Redis; each test starts without them."""
    cache.clear()
    yield


@pytest.fixture
def school_a(db):
    return SchoolFactory(name="Bonner Primary School", urn=100001)


@pytest.fixture
def school_b(db):
    return SchoolFactory(name="Cayley Primary School", urn=100002)


@pytest.fixture
def head_a(school_a):
    person = UserFactory(email="head.a@example.org", role=Role.HEADTEACHER, first_name="Helen")
    AffiliationFactory(person=person, school=school_a)
    return person


@pytest.fixture
def head_b(school_b):
    person = UserFactory(email="head.b@example.org", role=Role.HEADTEACHER, first_name="David")
    AffiliationFactory(person=person, school=school_b)
    return person


@pytest.fixture
def staff_a(school_a):
    person = UserFactory(email="staff.a@example.org", role=Role.STAFF)
    AffiliationFactory(person=person, school=school_a, is_cpd_lead=False)
    return person


@pytest.fixture
def lc_a(school_a):
    person = UserFactory(email="lc.a@example.org", role=Role.CONSULTANT)
    AllocationFactory(school=school_a, consultant=person)
    return person


@pytest.fixture
def lc_other(db):
    person = UserFactory(email="lc.other@example.org", role=Role.CONSULTANT)
    AllocationFactory(consultant=person)
    return person


@pytest.fixture
def coach(head_a, school_a):
    """Head A's executive coach this year."""
    from tests.coaching.factories import CoachingFactory

    person = UserFactory(email="coach@example.org", role=Role.COACH, first_name="Grace")
    CoachingFactory(coach=person, head=head_a, school=school_a)
    return person


@pytest.fixture
def moderator(school_a, school_b):
    """A teacher at school B, assigned to moderate school A's KS2 writing this year."""
    from tests.moderation.factories import VisitFactory

    person = UserFactory(email="moderator@example.org", role=Role.MODERATOR, first_name="Joanna")
    AffiliationFactory(person=person, school=school_b)
    VisitFactory(moderator=person, pick__school=school_a)
    return person


@pytest.fixture
def director(db):
    return UserFactory(
        email="director@example.org", role=Role.DIRECTOR, director_kind=DirectorKind.EXECUTIVE
    )


@pytest.fixture
def primary_director(db):
    return UserFactory(
        email="primary.director@example.org",
        role=Role.DIRECTOR,
        director_kind=DirectorKind.PRIMARY,
    )


@pytest.fixture
def secondary_director(db):
    return UserFactory(
        email="secondary.director@example.org",
        role=Role.DIRECTOR,
        director_kind=DirectorKind.SECONDARY,
    )


@pytest.fixture
def la_officer(db):
    return UserFactory(email="la@example.org", role=Role.LA_OFFICER)


@pytest.fixture
def office_admin(db):
    """Staff, not a superuser: what the office may do comes from its group alone."""
    person = UserFactory(email="admin@example.org", role=Role.ADMIN, is_staff=True)
    person.groups.add(office_group())
    return person


@pytest.fixture
def client_for(client):
    """Log a person in on the test client: `client_for(head_a).get(...)`."""

    def login(person):
        client.force_login(person)
        return client

    return login


@pytest.fixture
def eager_tasks(settings):
    """Celery tasks run at once in the test's own thread (unit tests; integration tests use
    `celery_worker`). Queued on commit, so with `django_capture_on_commit_callbacks`."""
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker in a thread, on the real Redis broker (integration tests)."""
    from celery.contrib.testing.worker import start_worker

    from thep.celery import app

    # The worker waits on Redis for a task at most a tenth of a second at a time (a second by
    # default), so that it stops as soon as the test is over.
    options = app.conf.broker_transport_options
    app.conf.broker_transport_options = {**options, "polling_interval": 0.1}
    try:
        with start_worker(app, perform_ping_check=False, loglevel="WARNING", pool="solo"):
            yield
    finally:
        app.conf.broker_transport_options = options
