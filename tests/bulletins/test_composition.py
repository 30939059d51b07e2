"""A bulletin lists the catalogue's published events that start in the weeks after it is sent."""

import pytest

from bulletins.composition import coming_events
from tests.learning.factories import EventFactory, in_days


@pytest.mark.django_db
def test_coming_events_are_the_published_ones_starting_within_the_weeks_after_the_day():
    later = EventFactory(title="Middle Leaders Network", sessions=[20])
    sooner = EventFactory(title="Phonics and Early Reading", sessions=[3, 40])
    EventFactory(title="Not published yet", sessions=[10], published=False)
    EventFactory(title="Called off", sessions=[10], cancelled_on=in_days(-1))
    too_far = EventFactory(title="Too far ahead", sessions=[29])
    EventFactory(title="Today: too late to book", sessions=[0])
    EventFactory(title="Started already", sessions=[-5, 10])

    listed = coming_events(after=in_days(0), weeks=4)

    assert list(listed) == [sooner, later]
    assert [event.title for event in coming_events(after=in_days(0), weeks=0)] == []
    assert list(coming_events(after=in_days(10), weeks=4)) == [later, too_far]
