"""The floor `make bench` measures pages against: Django as deployed (the same settings,
middleware, database and gunicorn configuration) answering a view that asks PostgreSQL one
query and renders no template. Served by gunicorn as `reports.bench_floor`, never by the portal."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path


def floor(request: HttpRequest) -> HttpResponse:
    from membership.models import School

    return HttpResponse(str(School.objects.values_list("urn", flat=True).first()))


urlpatterns = [path("", floor)]

# This process serves the floor alone: its own URLs, everything else as the portal has it.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thep.settings")
settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
