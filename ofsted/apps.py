from django.apps import AppConfig


class OfstedConfig(AppConfig):
    name = "ofsted"

    def ready(self) -> None:
        from ofsted import standings

        standings.connect()
