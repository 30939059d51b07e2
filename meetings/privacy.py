"""Personal data held by `meetings`: whom a person was named delegate for, and the votes they
cast for their school (see `thep.privacy`). The votes are the members' record: kept."""

from meetings.models import Delegate, Vote
from thep.models import User


def person_data(person: User) -> list[tuple[str, object]]:
    delegations = [
        {"meeting": str(delegate.meeting), "school": delegate.school.name}
        for delegate in Delegate.objects.filter(person=person).select_related("meeting", "school")
    ]
    votes = [
        {"meeting": str(vote.resolution.meeting), "resolution": vote.resolution.number,
         "school": vote.school.name, "vote": vote.get_choice_display(),
         "when": vote.cast_at.isoformat()}
        for vote in Vote.objects.filter(cast_by=person)
        .select_related("resolution__meeting", "school")
    ]  # fmt: skip
    return [("general meetings", {"delegate_for": delegations, "votes_cast": votes})]
