"""The comment queue as a moderator uses it: the listing, and the decisions (Wagtail bulk actions)."""

import re

from django.utils.http import urlencode

QUEUE = "/admin/kommentarer/"
ALL = QUEUE + "?queue=all"


def decision_url(action, *ids, next=QUEUE, **params):
    """A decision on these comments; afterwards back to `next` (the listing), as the queue's links say."""
    query = [("id", i) for i in ids] + [("next", next)] + list(params.items())
    return f"/admin/bulk/discussion/comment/{action}/?{urlencode(query)}"


def decide(client, action, *ids, follow=False, **data):
    """Post a decision as the queue's forms do: the reason fields and the rows' `seen` states in `data`."""
    return client.post(decision_url(action, *ids), data, follow=follow)


def seen(client, url=ALL):
    """The state of each row as the moderator loads the listing, as the decision forms send it back."""
    return re.findall(r'data-seen="(\d+:[^"]*)"', client.get(url).content.decode())
