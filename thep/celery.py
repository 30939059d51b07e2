import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thep.settings")

app = Celery("thep")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
