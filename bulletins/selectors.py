import datetime

from django.db.models import Exists, OuterRef, QuerySet

from bulletins.models import Bulletin, Kind, Status, Subscription
from membership.models import Category, Membership, Phase, School
from membership.phases import KPI_GROUPS
from thep.models import Role, User


def recipients(*, bulletin: Bulletin, on: datetime.date) -> QuerySet[User]:
    """Who receives the bulletin sent that day: heads who have not said no to its kind, and
    (if chosen) staff who asked for it, at schools of the phases and membership chosen."""
    choice = Subscription.objects.filter(person=OuterRef("pk"), kind=bulletin.kind)
    wanted = User.objects.none()
    if bulletin.to_heads:
        heads = User.objects.filter(role=Role.HEADTEACHER)
        wanted |= heads.exclude(Exists(choice.filter(subscribed=False)))
    if bulletin.to_staff:
        staff = User.objects.filter(role=Role.STAFF)
        wanted |= staff.filter(Exists(choice.filter(subscribed=True)))
    schools = School.objects.all()
    if bulletin.phases:
        schools = schools.filter(
            phase__in=[phase for group in bulletin.phases for phase in KPI_GROUPS[Phase(group)]]
        )
    if bulletin.members_only:
        full = Membership.objects.filter(
            starts_on__lte=on, ends_on__gte=on, category=Category.FULL
        ).values("member__school_id")
        schools = schools.filter(pk__in=full)
    at_schools = User.objects.filter(affiliations__school__in=schools).values("pk")
    return wanted.filter(is_active=True, pk__in=at_schools).order_by("email")


def sent_bulletins() -> QuerySet[Bulletin]:
    """The archive, newest first: every reader (`access.reads_bulletins`) sees them all."""
    return Bulletin.objects.filter(status=Status.SENT).order_by("-sent_on", "-pk")


def kinds_received(*, person: User) -> set[str]:
    """The kinds a person receives when sent to them: heads all but those they said no to,
    staff only those they asked for."""
    said = dict(Subscription.objects.filter(person=person).values_list("kind", "subscribed"))
    default = person.is_head
    return {kind for kind in Kind if said.get(kind, default)}
