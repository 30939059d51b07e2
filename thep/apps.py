from django.apps import AppConfig


class ThepConfig(AppConfig):
    name = "thep"
    verbose_name = "People and access"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib import admin

        from thep import signals  # noqa: F401  (connects the receivers)
        from thep.admin_secrets import guard_admin_site
        from thep.models import User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        # Left to itself auditlog also lists reverse relations on every new row ("purchases:
        # None → membership.Purchase.None"); the audit page shows only the row's own columns.
        for model in auditlog.get_models():
            excluded = auditlog.get_model_fields(model)["exclude_fields"]
            columns = [f.name for f in model._meta.concrete_fields if f.name not in excluded]
            auditlog.register(model, include_fields=columns, exclude_fields=excluded)
        # The admin app, listed first, has loaded every admin module by now.
        guard_admin_site(admin.site)
