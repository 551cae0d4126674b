from wagtail.signals import page_published


def on_published(sender, instance, **kwargs):
    from .review import refresh_page_and_below

    refresh_page_and_below(instance)


def connect():
    page_published.connect(on_published, dispatch_uid="stewardship_review_dates")
