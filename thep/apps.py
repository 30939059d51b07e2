from django.apps import AppConfig


class ThepConfig(AppConfig):
    name = "thep"
    verbose_name = "People and access"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from thep import signals  # noqa: F401  (connects the receivers)
        from thep.models import User

        auditlog.register(User, exclude_fields=["password", "last_login"])
