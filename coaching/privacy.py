"""Personal data held by `coaching`: who coaches whom, and the dates of their sessions (see
`thep.privacy` for the functions every app offers). Nothing said in coaching is held."""

from django.db.models import Q

from coaching.models import Allocation
from thep.models import User


def person_data(person: User) -> list[tuple[str, object]]:
    coaching = [
        {"year": allocation.year_label, "coach": str(allocation.coach),
         "head": str(allocation.head), "school": allocation.school.name,
         "sessions": [{"date": session.date.isoformat(), "time": f"{session.start_time:%H:%M}",
                       "where": session.where, "status": session.get_status_display()}
                      for session in allocation.sessions.all()]}
        for allocation in Allocation.objects.filter(Q(head=person) | Q(coach=person))
        .select_related("coach", "head", "school")
        .prefetch_related("sessions")
    ]  # fmt: skip
    return [("executive coaching", coaching)]
