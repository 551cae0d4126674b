"""Signed links in alert mail: confirm (valid CONFIRM_DAYS days), change choices, unsubscribe.

Each link carries the subscription's id and address, signed with SECRET_KEY and a salt per
purpose, so a link for one purpose or one subscriber cannot be turned into another.
"""

import datetime

from django.core import signing
from django.urls import reverse

CONFIRM_DAYS = 7
_SALTS = {
    "confirm": "subscriptions.confirm",
    "manage": "subscriptions.manage",
    "unsubscribe": "subscriptions.unsubscribe",
}
_VIEWS = {"confirm": "subscription_confirm", "manage": "subscription_manage", "unsubscribe": "subscription_unsubscribe"}


def token(subscription, purpose):
    return signing.dumps([subscription.pk, subscription.email], salt=_SALTS[purpose], compress=True)


def url(subscription, purpose):
    """An absolute URL (mail is read outside the site)."""
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(_VIEWS[purpose], args=[token(subscription, purpose)])


def read(value, purpose):
    """(id, email), or raises signing.BadSignature (forged) / signing.SignatureExpired (old confirm link)."""
    max_age = datetime.timedelta(days=CONFIRM_DAYS) if purpose == "confirm" else None
    data = signing.loads(value, salt=_SALTS[purpose], max_age=max_age)
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], int) and isinstance(data[1], str)):
        raise signing.BadSignature("unexpected payload")
    return data[0], data[1]
