"""Who reads the archive of bulletins: the people of member schools, and THE Partnership's own
(directors, office, LCs and coaches). Not LA officers: they see Ofsted, risk and the School
Review Group's papers and nothing else (DESIGN.md), and the bulletins are THEP's word to its
members."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from bulletins.models import Bulletin
from bulletins.selectors import sent_bulletins
from membership.models import Membership
from thep.models import User


def reads_bulletins(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if user.runs_partnership or user.is_consultant or user.is_coach:
        return True
    if not (user.is_head or user.is_school_staff):
        return False
    today = timezone.localdate()
    return Membership.objects.filter(
        member__school__affiliations__person=user, starts_on__lte=today, ends_on__gte=today
    ).exists()


def chooses_bulletins(user: User) -> bool:
    """Heads and staff choose which kinds they receive (the kinds are sent to them)."""
    return user.is_authenticated and (user.is_head or user.is_school_staff)


def bulletin_for(*, user: User, pk: int) -> Bulletin:
    """A sent bulletin for a reader of the archive; a 404 otherwise, drafts included."""
    if not reads_bulletins(user):
        raise Http404
    return get_object_or_404(sent_bulletins(), pk=pk)
