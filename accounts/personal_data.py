"""One reader's personal data across the site: what "Mina uppgifter" downloads and what deleting the
account erases, gathered from every app that stores some.

Each app that keeps personal data names a module in the setting PERSONAL_DATA_PROVIDERS with

    export(user) -> dict    # sections of the download, e.g. {"comments": [...]}; JSON-serialisable
    erase(user) -> None     # forget the user's data, as the privacy page says; runs in one transaction

Providers run in the order listed; `accounts.account_data` (the account itself) comes last, as its
erase deletes the user.
"""

import datetime
import importlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone


def providers():
    return [importlib.import_module(path) for path in settings.PERSONAL_DATA_PROVIDERS]


def export_user(user):
    data = {"exported_at": timezone.now().isoformat()}
    for provider in providers():
        data.update(provider.export(user))
    return data


def erase_user(user):
    with transaction.atomic():
        for provider in providers():
            provider.erase(user)


def iso(value):
    return value.isoformat() if isinstance(value, datetime.datetime | datetime.date) else value
