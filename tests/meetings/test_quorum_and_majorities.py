"""Quorum and majorities, counted by hand. Seed 002 sets neither, so the Companies Act 2006
applies to THE Partnership (a company limited by guarantee): a quorum of two members (s.318),
a simple majority of votes cast for an ordinary resolution (s.282) and at least 75% for a
special one (s.283). Abstentions are not votes cast."""

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Attendance, Resolution
from meetings.rules import passes, present_count
from meetings.services import attendance_record, vote_cast, voting_close
from membership.models import Category
from tests.factories import AffiliationFactory, SchoolFactory, UserFactory
from tests.meetings.factories import MeetingFactory, ResolutionFactory, member_this_year
from thep.models import Role

ORDINARY, SPECIAL = Resolution.Kind.ORDINARY, Resolution.Kind.SPECIAL


@pytest.mark.parametrize(
    ("kind", "votes_for", "against", "present", "passed"),
    [
        (ORDINARY, 6, 5, 11, True),  # more for than against
        (ORDINARY, 5, 5, 12, False),  # a tie is not a majority
        (ORDINARY, 1, 0, 2, True),  # two present is a quorum
        (ORDINARY, 1, 0, 1, False),  # one is not
        (ORDINARY, 0, 0, 5, False),  # all abstained: no votes cast
        (SPECIAL, 9, 3, 12, True),  # exactly 75%
        (SPECIAL, 8, 3, 11, False),  # 72.7%
        (SPECIAL, 3, 0, 9, True),  # six abstained: 100% of the votes cast
    ],
)
def test_majorities_and_quorum_by_hand(kind, votes_for, against, present, passed):
    assert (
        passes(kind=kind, votes_for=votes_for, against=against, present=present, quorum=2) is passed
    )


def _full_member_with_head(name: str):
    school = SchoolFactory(name=name)
    member_this_year(school)
    head = UserFactory(role=Role.HEADTEACHER)
    AffiliationFactory(person=head, school=school)
    return school, head


def test_closing_declares_the_result_with_the_quorum_present(db, office_admin):
    meeting = MeetingFactory(quorum=4)
    special = ResolutionFactory(meeting=meeting, kind=SPECIAL)
    heads = [_full_member_with_head(f"School {n}") for n in range(4)]
    for (school, head), choice in zip(heads, ["for", "for", "for", "against"], strict=True):
        vote_cast(resolution=special, school=school, choice=choice, by=head)
    associate = SchoolFactory(name="Associate School")
    member_this_year(associate, Category.ASSOCIATE)
    Attendance.objects.create(meeting=meeting, school=associate, how=Attendance.How.OFFICE)

    assert present_count(meeting=meeting) == 4  # voters are present; associates do not count
    closed = voting_close(resolution=special, by=office_admin)
    assert (closed.status, closed.passed, closed.present_at_close) == ("closed", True, 4)
    with pytest.raises(ValidationError, match="Voting on resolution 1 is closed"):
        vote_cast(resolution=special, school=heads[0][0], choice="for", by=heads[0][1])


def test_nothing_passes_without_a_quorum(db, director):
    meeting = MeetingFactory(quorum=3)
    resolution = ResolutionFactory(meeting=meeting)
    school, head = _full_member_with_head("Only School")
    vote_cast(resolution=resolution, school=school, choice="for", by=head)
    assert voting_close(resolution=resolution, by=director).passed is False


def test_the_office_register_keeps_schools_that_voted(db, office_admin):
    meeting = MeetingFactory()
    resolution = ResolutionFactory(meeting=meeting)
    voter, head = _full_member_with_head("Voting School")
    vote_cast(resolution=resolution, school=voter, choice="for", by=head)
    ticked, _ = _full_member_with_head("Ticked School")
    assert attendance_record(meeting=meeting, schools=[ticked], by=office_admin) == 2
    assert attendance_record(meeting=meeting, schools=[], by=office_admin) == 1
    assert present_count(meeting=meeting) == 1


def test_only_directors_and_the_office_open_and_close_voting(db, head_a):
    resolution = ResolutionFactory()
    with pytest.raises(ValidationError, match="directors and office run general meetings"):
        voting_close(resolution=resolution, by=head_a)
    resolution.refresh_from_db()
    assert resolution.status == "open"
