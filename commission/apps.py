from django.apps import AppConfig


class CommissionConfig(AppConfig):
    name = "commission"
    verbose_name = "the LA commission"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from commission.inspection_support import on_schools_changed
        from commission.models import InspectionCall, SupportNote
        from membership import standings

        # Ofsted's import knows nothing of the commission (dependencies point this way); it
        # reports the schools whose inspections changed, and calls are linked from here.
        standings.schools_changed.connect(on_schools_changed, dispatch_uid="commission-calls")
        # Who recorded, assigned and noted what, and when; never the words of a note.
        for model, excluded in ((InspectionCall, ()), (SupportNote, ("text",))):
            columns = [f.name for f in model._meta.concrete_fields if f.name not in excluded]
            auditlog.register(model, include_fields=columns, exclude_fields=list(excluded))
