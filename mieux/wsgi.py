import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mieux.settings.dev")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their modules) lives as long as the process: moving it
# out of the garbage collector's sight means each collection during a request walks only what the
# request made, not the whole application (a few per cent of every request).
gc.freeze()
