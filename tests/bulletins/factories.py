import factory

from bulletins.models import Bulletin, Kind, NewsItem
from membership.models import Category, Member, School
from tests.factories import ModelFactory
from tests.membership.factories import MembershipFactory
from thep import years


class BulletinFactory(ModelFactory[Bulletin]):
    class Meta:
        model = Bulletin

    kind = Kind.BULLETIN
    title = factory.Sequence(lambda n: f"Training and events {n}")
    introduction = "News from THE Partnership."


class NewsItemFactory(ModelFactory[NewsItem]):
    class Meta:
        model = NewsItem

    bulletin = factory.SubFactory(BulletinFactory)
    title = "Headteacher meetings this term"
    text = "Heads meet each half term."


def member_now(school: School, category: str = Category.FULL) -> School:
    """A membership of this year's for the school."""
    member, _ = Member.objects.get_or_create(school=school)
    MembershipFactory(member=member, year=years.current(), category=category)
    return school
