"""A reader's display name: the name they chose at sign-up, shown with their comments and in the header.

It is kept in `User.first_name` (with `last_name` empty), so `get_full_name()` returns it and the
comment form, the name checks in discussion/names.py and the admin's user list all see it without
a table of their own. The username allauth generates is internal and never shown to the reader.
"""

from django.utils.translation import gettext as _


def display_name(user):
    """The reader's chosen name, or a neutral word for an account that has none (made in the admin)."""
    return user.get_full_name() or _("Läsare")


def set_display_name(user, name):
    user.first_name = name
    user.last_name = ""
