"""The LA commission's records, one module per area."""

from commission.models.appointments import Decision, HeadAppointment  # noqa: F401
