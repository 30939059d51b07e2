from django.apps import AppConfig


class OfstedConfig(AppConfig):
    name = "ofsted"
