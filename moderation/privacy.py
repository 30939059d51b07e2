"""Personal data held by `moderation`: the visits a person was assigned as moderator (see
`thep.privacy` for the functions every app offers)."""

from moderation.models import Visit
from thep.models import User


def person_data(person: User) -> list[tuple[str, object]]:
    visits = [
        {"year": visit.pick.draw.year_label, "school": visit.pick.school.name,
         "visit": visit.pick.get_kind_display(), "date": visit.date.isoformat(),
         "outcome_recorded": visit.done}
        for visit in Visit.objects.filter(moderator=person)
        .select_related("pick__draw", "pick__school")
    ]  # fmt: skip
    return [("moderation visits", visits)]
