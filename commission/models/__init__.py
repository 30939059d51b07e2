"""The LA commission's records, one module per area."""

from commission.models.appointments import Decision, HeadAppointment  # noqa: F401
from commission.models.inspection_support import InspectionCall, SupportNote  # noqa: F401
