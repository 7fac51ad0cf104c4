import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "napwatch.settings")

application = get_wsgi_application()

# Import the URLconf, and with it every view, now rather than on the first request: gunicorn
# loads this module in its master (preload_app), so each worker, fresh or recycled, is forked with
# them loaded and answers its first request as fast as its thousandth (the import takes ~0.4 s).
import_module(settings.ROOT_URLCONF)
