"""A page's owner and review interval: its own, or the nearest ancestor's that sets one.

The one place that decides it; the page foot, the review dates, the reminders and the reports ask here.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from caching import memo, tags

from .models import DEFAULT_REVIEW_INTERVAL_MONTHS, PageOwner, StewardedPageMixin


def _stewarded_models(content_type_ids):
    models = {}
    for content_type_id in content_type_ids:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and issubclass(model, StewardedPageMixin):
            models[content_type_id] = model
    return models


def _own_values(rows):
    """{page pk: (owner_id, interval)} for rows of (pk, content_type_id): one query per page type."""
    by_type = {}
    for pk, content_type_id in rows:
        by_type.setdefault(content_type_id, []).append(pk)
    values = {}
    for content_type_id, model in _stewarded_models(by_type).items():
        for pk, owner_id, interval in model.objects.filter(pk__in=by_type[content_type_id]).values_list(
            "pk", "page_owner_id", "review_interval_months"
        ):
            values[pk] = (owner_id, interval)
    return values


def _nearest(own, chain):
    """(owner_id, interval) from `own` and then each ancestor's values, nearest first."""
    owner_id, interval = own
    for ancestor_owner, ancestor_interval in chain:
        if owner_id and interval:
            break
        owner_id = owner_id or ancestor_owner
        interval = interval or ancestor_interval
    return owner_id, interval or DEFAULT_REVIEW_INTERVAL_MONTHS


def _ancestor_chain(page):
    """(owner_id, interval) of each ancestor, nearest first."""
    # What the ancestors say changes only with them: the page carries their tags (caching.tags).
    with tags.scope():
        rows = list(page.get_ancestors().values_list("pk", "content_type_id"))
        values = _own_values(rows)
    tags.add(*(tags.instance_tag(Page, pk) for pk, _type in rows))
    return tuple(values.get(pk, (None, None)) for pk, _type in reversed(rows))


def _resolve(page):
    own = (getattr(page, "page_owner_id", None), getattr(page, "review_interval_months", None))
    if not page.path or page.depth is None or page.depth <= 1:
        return _nearest(own, [])
    # Siblings share their ancestors: remembered per parent between readers' requests (caching.memo).
    chain = memo.remember(("owner_chain", page.path[: -Page.steplen]), lambda: _ancestor_chain(page))
    return _nearest(own, chain)


def owner_and_interval(page):
    """(owner_id or None, review interval in months) in force for `page`."""
    return _resolve(page)


def owner_of(page):
    """The PageOwner in force for `page`, or None."""
    owner_id, _interval = owner_and_interval(page)
    if owner_id is None:
        return None
    return memo.remember(
        ("page_owner", owner_id), lambda: PageOwner.objects.select_related("contact_page").filter(pk=owner_id).first()
    )


def resolve_all(pages=None):
    """{page pk: (owner_id, interval)} for every page in `pages` (default: all), in a few queries."""
    if pages is None:
        pages = Page.objects.all()
    wanted = list(pages.values_list("pk", "path"))
    ancestor_paths = {path[:end] for _pk, path in wanted for end in range(Page.steplen, len(path) + 1, Page.steplen)}
    rows = list(Page.objects.filter(path__in=ancestor_paths).values_list("pk", "content_type_id", "path"))
    values = _own_values([(pk, content_type_id) for pk, content_type_id, _path in rows])
    by_path = {path: values.get(pk, (None, None)) for pk, _type, path in rows}
    answers = {}
    for pk, path in wanted:
        chain = [by_path.get(path[:end], (None, None)) for end in range(len(path), 0, -Page.steplen)]
        answers[pk] = _nearest(chain[0], chain[1:])
    return answers
