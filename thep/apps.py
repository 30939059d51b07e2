from django.apps import AppConfig


class ThepConfig(AppConfig):
    name = "thep"
    verbose_name = "People and access"
