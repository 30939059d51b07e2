"""One school, one vote (seed 002): cast by the head or their named delegate of a full member
school; a second vote is refused and the first kept, even when both come at the same moment."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from meetings.models import Attendance, Vote
from meetings.services import delegate_name, vote_cast
from membership.models import Category
from tests.factories import AffiliationFactory, SchoolFactory, UserFactory
from tests.meetings.factories import ResolutionFactory, member_this_year
from thep.models import Role


@pytest.fixture
def resolution(school_a):
    member_this_year(school_a)
    return ResolutionFactory()


def test_a_head_votes_once_and_a_second_vote_is_refused(resolution, school_a, head_a):
    vote_cast(resolution=resolution, school=school_a, choice="for", by=head_a)
    with pytest.raises(ValidationError) as refused:
        vote_cast(resolution=resolution, school=school_a, choice="against", by=head_a)
    assert refused.value.messages == [
        "Bonner Primary School has already voted on resolution 1 (for). One school, one vote: "
        "the first vote stands."
    ]
    assert list(Vote.objects.values_list("choice", flat=True)) == ["for"]
    # A school that votes is present.
    assert Attendance.objects.get().how == Attendance.How.VOTED


def test_the_database_holds_one_vote_per_school(resolution, school_a, head_a):
    Vote.objects.create(resolution=resolution, school=school_a, choice="for", cast_by=head_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(resolution=resolution, school=school_a, choice="against")


def test_once_the_delegate_has_voted_the_head_cannot(resolution, school_a, head_a, staff_a):
    delegate_name(meeting=resolution.meeting, school=school_a, person=staff_a, by=head_a)
    vote_cast(resolution=resolution, school=school_a, choice="against", by=staff_a)
    with pytest.raises(ValidationError, match="already voted on resolution 1 \\(against\\)"):
        vote_cast(resolution=resolution, school=school_a, choice="for", by=head_a)
    vote = Vote.objects.get()
    assert (vote.choice, vote.cast_by) == ("against", staff_a)


def test_staff_who_are_not_the_delegate_cannot_vote(resolution, school_a, staff_a):
    with pytest.raises(ValidationError, match="Only the head of Bonner Primary School, or the"):
        vote_cast(resolution=resolution, school=school_a, choice="for", by=staff_a)
    assert not Vote.objects.exists()


def test_only_someone_at_the_school_can_be_its_delegate(resolution, school_a, head_a, head_b):
    with pytest.raises(ValidationError, match="someone at Bonner Primary School with a login"):
        delegate_name(meeting=resolution.meeting, school=school_a, person=head_b, by=head_a)


def test_an_associate_member_cannot_vote(db):
    school = SchoolFactory(name="Stepney Nursery School")
    member_this_year(school, Category.ASSOCIATE)
    head = UserFactory(role=Role.HEADTEACHER)
    AffiliationFactory(person=head, school=school)
    with pytest.raises(ValidationError) as refused:
        vote_cast(resolution=ResolutionFactory(), school=school, choice="for", by=head)
    assert "Stepney Nursery School is an associate member on" in refused.value.messages[0]
    assert "Only full member schools vote at general meetings" in refused.value.messages[0]
    assert not Vote.objects.exists()


def test_a_school_that_is_not_a_member_cannot_vote(resolution, school_b, head_b):
    with pytest.raises(ValidationError, match="Cayley Primary School is not a member of THE"):
        vote_cast(resolution=resolution, school=school_b, choice="for", by=head_b)
    assert not Vote.objects.exists()


def test_no_vote_before_voting_opens_or_after_it_closes(resolution, school_a, head_a):
    resolution.status = "waiting"
    resolution.save()
    with pytest.raises(ValidationError, match="Voting on resolution 1 is not open yet"):
        vote_cast(resolution=resolution, school=school_a, choice="for", by=head_a)
    assert not Vote.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_votes_from_one_school_at_the_same_moment_one_wins(school_a, head_a, staff_a):
    member_this_year(school_a)
    resolution = ResolutionFactory()
    delegate_name(meeting=resolution.meeting, school=school_a, person=staff_a, by=head_a)
    start = threading.Barrier(2)
    refused: list[str] = []
    errors: list[BaseException] = []

    def cast(person, choice: str) -> None:
        try:
            start.wait()
            vote_cast(resolution=resolution, school=school_a, choice=choice, by=person)
        except ValidationError as refusal:
            refused.extend(refusal.messages)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    voters = [
        threading.Thread(target=cast, args=(head_a, "for")),
        threading.Thread(target=cast, args=(staff_a, "against")),
    ]
    for voter in voters:
        voter.start()
    for voter in voters:
        voter.join(timeout=60)
    assert errors == []
    vote = Vote.objects.get()
    assert refused == [
        f"Bonner Primary School has already voted on resolution 1 ({vote.choice}). One school, "
        "one vote: the first vote stands."
    ]
