from django.apps import AppConfig


class CachingConfig(AppConfig):
    """Cache tags: what a response rendered (tags.py), what a write changed (invalidation.py),
    the app's page cache (pagecache.py) and the HTTP cache in front (backends/)."""

    name = "caching"
    verbose_name = "Cache tags"

    def ready(self):
        from caching import invalidation, tags

        tags.connect()
        invalidation.connect()
