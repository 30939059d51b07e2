"""The fixed cast, reused by every test (CONVENTIONS 7).

School A is a Tower Hamlets primary with its head, a member of staff and its LC; school B is
another primary with its own head. Then one of each other role."""

import pytest
from django.core.cache import cache

from tests.factories import AffiliationFactory, AllocationFactory, SchoolFactory, UserFactory
from thep.models import DirectorKind, Role


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing costs a third of a second a person; the tests make hundreds of people."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    return UserFactory(email="admin@example.org", role=Role.ADMIN, is_staff=True, is_superuser=True)


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

    with start_worker(app, perform_ping_check=False, loglevel="WARNING", pool="solo"):
        yield
