from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = "Schools and membership"

    def ready(self) -> None:
        from membership import standings

        standings.connect()
