import datetime
import time
from typing import TYPE_CHECKING, Any, TypeVar

import factory
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.conf import settings

from improvement.models import Allocation
from membership.models import Affiliation, Phase, School, SchoolType
from thep import years
from thep.models import Role, User
from thep.security import mfa_required

T = TypeVar("T")


class ModelFactory(factory.django.DjangoModelFactory[T]):
    """factory_boy's model factory, typed: `VisitFactory()` is a Visit to mypy, as it is when
    the tests run (factory_boy's `__new__` makes the model, not the factory)."""

    if TYPE_CHECKING:
        # mypy wants `__new__` to return the class; factory_boy's returns the model.
        def __new__(cls, *args: Any, **kwargs: Any) -> T: ...  # type: ignore[misc]

    class Meta:
        abstract = True


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    # Without apostrophes: a page escapes O'Brien as O&#x27;Brien, so a test looking for the
    # person's name would fail one run in a few hundred. A test about such names gives one.
    last_name = factory.LazyAttribute(lambda person: person.made_up_surname.replace("'", ""))
    role = Role.STAFF
    password = factory.django.Password(settings.THEP_DEMO_PASSWORD)

    class Params:
        made_up_surname = factory.Faker("last_name", locale="en_GB")

    @factory.post_generation
    def mfa(person: User, create: bool, extracted: bool | None, **kwargs) -> None:
        """People whose role requires two-factor authentication get a TOTP authenticator
        (its secret kept on `person.totp_secret` for tests that log in for real);
        `UserFactory(mfa=False)` makes one who has not set it up yet."""
        wanted = extracted if extracted is not None else mfa_required(person)
        if create and wanted:
            secret = generate_totp_secret()
            # Kept on the object for the tests' own logins.
            person.totp_secret = secret
            TOTP.activate(person, secret)
            RecoveryCodes.activate(person)


class SchoolFactory(ModelFactory[School]):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: 200000 + n)  # the cast's schools are 100001 and 100002
    name = factory.Sequence(lambda n: f"Test Primary School {n}")
    phase = Phase.PRIMARY
    school_type = SchoolType.LA_MAINTAINED
    la_code = 211
    la_name = "Tower Hamlets"
    pupils = 420
    head_name = factory.Faker("name", locale="en_GB")
    headship_start = datetime.date(2018, 9, 1)


class AffiliationFactory(ModelFactory[Affiliation]):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(UserFactory, role=Role.HEADTEACHER)
    school = factory.SubFactory(SchoolFactory)


class AllocationFactory(ModelFactory[Allocation]):
    class Meta:
        model = Allocation

    school = factory.SubFactory(SchoolFactory)
    consultant = factory.SubFactory(UserFactory, role=Role.CONSULTANT)
    year = factory.LazyFunction(years.current)
    starts_on = factory.LazyAttribute(lambda allocation: years.first_day(allocation.year))


def totp_code(secret: str) -> str:
    """The code an authenticator app would show now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
