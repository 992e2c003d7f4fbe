"""WSGI entry point for gunicorn and runserver."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")
application = get_wsgi_application()

# Import every view module, the API and its schemas now, while the worker starts, instead of in its first
# request: that took 1.7 s of CPU, and with five workers starting at once the first requests waited 4-5 s.
get_resolver().url_patterns  # noqa: B018 - evaluated for its imports

# A server process keeps everything loaded at start-up for its whole life, and each request allocates many
# short-lived objects. Moving the start-up objects out of the collector's reach (gc.freeze) and collecting the
# youngest generation less often takes about 5% off the CPU of a casework page (benchmarks/casework_load.py).
gc.freeze()
gc.set_threshold(50_000, 20, 100)
