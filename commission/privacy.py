"""Personal data held by `commission` (see `thep.privacy`): the Ofsted calls a person
recorded, the inspections they were assigned to support, and the notes they wrote."""

from django.db.models import Q

from commission.models import InspectionCall, SupportNote
from thep.models import User


def person_data(person: User) -> list[tuple[str, object]]:
    calls = [
        {"school": call.school.name, "starts_on": call.starts_on.isoformat(),
         "recorded_by_them": call.recorded_by_id == person.pk,
         "meets_the_lead_inspector": call.meets_lead_inspector_id == person.pk,
         "attends_the_feedback": call.attends_feedback_id == person.pk}
        for call in InspectionCall.objects.filter(
            Q(recorded_by=person) | Q(meets_lead_inspector=person) | Q(attends_feedback=person)
        ).select_related("school")
    ]  # fmt: skip
    notes = [
        {"school": note.call.school.name, "written_at": note.written_at.isoformat(),
         "text": note.text}
        for note in SupportNote.objects.filter(author=person).select_related("call__school")
    ]  # fmt: skip
    return [("Ofsted inspection support", calls), ("notes of inspection support", notes)]
