from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "School improvement"

    def ready(self) -> None:
        from improvement import standings

        standings.connect()
