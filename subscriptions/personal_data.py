"""A reader's subscription in access and erasure requests: export(user) / erase(user), and the same by address.

Meant for the site's list of personal-data providers (PERSONAL_DATA_PROVIDERS), and usable from
management commands answering requests that come by e-mail.
"""

from django.db.models import Q

from .models import Subscription


def _subscriptions(user=None, email=None):
    query = Q()
    if user is not None:
        query |= Q(user=user)
        email = email or user.email
    if email:
        query |= Q(email__iexact=email)
    return Subscription.objects.filter(query) if query else Subscription.objects.none()


def export(user=None, email=None):
    return {
        "subscriptions": [
            {
                "email": subscription.email,
                "content_types": subscription.content_types,
                "topics": subscription.topics,
                "counties": subscription.counties,
                "frequency": subscription.frequency,
                "created_at": subscription.created_at.isoformat(),
                "confirmed_at": subscription.confirmed_at.isoformat() if subscription.confirmed_at else None,
                "pages_sent": list(subscription.sent_alerts.values_list("page_id", flat=True)),
            }
            for subscription in _subscriptions(user, email)
        ]
    }


def erase(user=None, email=None):
    deleted, _ = _subscriptions(user, email).delete()
    return deleted


def shown_to(user, verified_emails):
    """The subscriptions Mitt konto lists: made while logged in, or for an address the account has
    verified (an unverified address proves nothing: anyone can type someone else's)."""
    query = Q(user=user)
    for email in verified_emails:
        query |= Q(email__iexact=email)
    return Subscription.objects.filter(query).order_by("created_at", "pk")


def describe(subscription):
    """The subscription's choices as the labels the Prenumerera form shows."""
    from . import alerts

    content_types = alerts.content_types()
    topics = dict(alerts.topic_choices()) if subscription.topics else {}
    counties = dict(alerts.county_choices()) if subscription.counties else {}
    return {
        "subscription": subscription,
        "content_types": [
            str(content_types[key]["label"]) for key in subscription.content_types if key in content_types
        ],
        "topics": [topics.get(slug, slug) for slug in subscription.topics],
        "counties": [counties.get(code, code) for code in subscription.counties],
        "frequency": subscription.get_frequency_display(),
    }
