import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

django_application = get_wsgi_application()

from caching.pagecache import PageCacheApplication  # noqa: E402 - needs the settings configured above

application = PageCacheApplication(django_application)
