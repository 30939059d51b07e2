from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "School improvement"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from improvement.models import Allocation, DiagnosticReview, Report, Visit

        auditlog.register(Allocation)
        auditlog.register(Visit)
        auditlog.register(Report)
        auditlog.register(DiagnosticReview)
