import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thep.settings")
application = get_wsgi_application()

# What is loaded by now (Django, the apps, their modules) lives as long as the process. Frozen,
# it is left out of the garbage collector's full passes, which otherwise walk all of it every
# few dozen requests (about 1.5 ms a request on the Ofsted table).
gc.freeze()
