from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    name = "bulletins"
    verbose_name = "bulletins"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from bulletins.models import Bulletin, NewsItem, Subscription

        # Who wrote and sent what, and who stopped which bulletin. Deliveries are not
        # logged: the outbox is the record of emails sent.
        auditlog.register(Bulletin, exclude_fields=["events"])
        auditlog.register(NewsItem)
        auditlog.register(Subscription)
