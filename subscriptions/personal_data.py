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
