import datetime
from decimal import Decimal

import factory
from django.db.models import F
from django.utils import timezone

from learning.models import HOLDS_A_PLACE, Audience, Booking, Event, Kind, Session, Status
from tests.factories import ModelFactory, SchoolFactory


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class EventFactory(ModelFactory[Event]):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Kind.COURSE
    title = factory.Sequence(lambda n: f"Teaching Reading Well {n}")
    description = "Phonics and early reading for Key Stage 1 teachers."
    audience = Audience.ECT
    facilitator_name = "Maria Lopez"
    capacity = 20
    member_price = Decimal("90.00")
    non_member_price = Decimal("150.00")
    booking_deadline = factory.LazyFunction(lambda: in_days(20))
    published = True

    @factory.post_generation
    def sessions(event: Event, create: bool, extracted: list[int] | None, **kwargs) -> None:
        """Sessions `extracted` days from today; one session 30 days ahead unless told."""
        if create:
            for days in extracted if extracted is not None else [30]:
                SessionFactory(event=event, date=in_days(days))


class SessionFactory(ModelFactory[Session]):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    date = factory.LazyFunction(lambda: in_days(30))
    starts_at = datetime.time(9, 30)
    ends_at = datetime.time(15, 30)
    venue = "Professional Development Centre, E1"


class BookingFactory(ModelFactory[Booking]):
    """A booking made directly, for tests about reading bookings (services make real ones)."""

    class Meta:
        model = Booking

    event = factory.SubFactory(EventFactory)
    school = factory.SubFactory(SchoolFactory)
    # Plain names: Faker's O'Donnell comes out of a template as O&#x27;Donnell.
    delegate_name = factory.Sequence(lambda n: f"Delegate {n}")
    delegate_email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    status = Status.CONFIRMED
    price = Decimal("90.00")
    non_member_price = Decimal("150.00")
    at_member_price = True
    created_at = factory.LazyFunction(timezone.now)
    offer_expires_at = factory.Maybe(
        factory.LazyAttribute(lambda booking: booking.status == Status.OFFERED),
        factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=48)),
        None,
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Booking:
        booking = super()._create(model_class, *args, **kwargs)
        # Keep the event's count of places taken true, as the services do.
        if booking.status in HOLDS_A_PLACE:
            Event.objects.filter(pk=booking.event_id).update(places_taken=F("places_taken") + 1)
        return booking
