"""Gone: pages are invalidated by their cache tags (caching/), with no code in the apps.

`purge_page` stays as a no-op for branches written before the cache tags, so that they keep
working when they merge; delete the calls (and this module once none is left).
"""


def purge_page(page):
    """Nothing to do: the write that changed the page already invalidated its tags."""
