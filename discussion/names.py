"""Display names readers choose: one check for the comment form, sign-up and the profile.

    from discussion.names import clean_display_name
    name = clean_display_name(raw, user=request.user)   # the name to store, or ValidationError

The name is normalised (Unicode NFKC, whitespace runs made one space) and refused when it
- carries control, format (bidi overrides, zero-width), private-use, unassigned or invisible
  filler characters, or piles combining marks on one letter: "\u202enimda" shows as "admin";
- matches the agency's name (Webbplatsinställningar) or one of the reserved names in the comment
  settings, or contains one of them;
- matches the full name or the username of a staff member (an account that can reach the
  admin), unless it is that staff member's own account.

Names are compared case- and accent-insensitively, on letters and digits only, so "REDAKTIONEN",
"Rédaktionen" and "Redak tionen" all match "Redaktionen".
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Letters that render as nothing although Unicode calls them letters or symbols (Hangul fillers,
# the Braille blank, the Mongolian vowel separator).
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
# Categories refused outright: control, format (bidi, zero-width, soft hyphen), surrogate,
# private use, unassigned, line and paragraph separators.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
MAX_COMBINING_IN_A_ROW = 2
# An agency name shorter than this is compared for equality only, never looked for inside names.
MIN_CONTAINED_LENGTH = 4


def normalise(value):
    """NFKC, stripped, each run of whitespace one space."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def comparison_key(value):
    """Case-, accent-, space- and punctuation-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", value).casefold())
    return "".join(char for char in decomposed if char.isalnum() and not unicodedata.combining(char))


def has_hidden_characters(value):
    run = 0
    for char in value:
        if char in INVISIBLE or unicodedata.category(char) in REFUSED_CATEGORIES:
            return True
        run = run + 1 if unicodedata.combining(char) else 0
        if run > MAX_COMBINING_IN_A_ROW:
            return True
    return False


def reserved_names():
    """The agency's name on every site, and the reserved names the comment settings list."""
    from wagtail.models import Site

    from website.models import SiteSettings

    from .models import CommentSettings

    names = []
    for site in Site.objects.all():
        names.append(SiteSettings.for_site(site).organisation_name)
        names.extend(CommentSettings.for_site(site).reserved_name_list())
    return [name for name in names if comparison_key(name)]


def staff_names(exclude_user=None):
    """Full names and usernames of every active account that can reach the admin."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    staff = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_staff=True)
            | Q(is_superuser=True)
            | Q(groups__permissions__codename="access_admin")
            | Q(user_permissions__codename="access_admin")
        )
        .distinct()
    )
    if exclude_user is not None and exclude_user.pk is not None:
        staff = staff.exclude(pk=exclude_user.pk)
    names = []
    for user in staff:
        names.append(user.get_full_name())
        names.append(user.get_username())
    return [name for name in names if comparison_key(name)]


def clean_display_name(value, user=None):
    """The name to store, or ValidationError with a Swedish message. `user` is the account the name
    is for (logged in, or being edited): a staff member may use their own name."""
    if has_hidden_characters(value):
        raise ValidationError(
            _("Namnet innehåller osynliga tecken eller styrtecken. Skriv namnet med vanliga bokstäver."),
            code="hidden_characters",
        )
    name = normalise(value)
    key = comparison_key(name)
    if not key:
        raise ValidationError(_("Skriv ett namn med minst en bokstav eller siffra."), code="empty")
    for reserved in reserved_names():
        reserved_key = comparison_key(reserved)
        if key == reserved_key or (len(reserved_key) >= MIN_CONTAINED_LENGTH and reserved_key in key):
            raise ValidationError(
                _("Namnet ”%(name)s” är förbehållet myndigheten. Välj ett annat namn."),
                params={"name": reserved},
                code="reserved",
            )
    account = user if user is not None and getattr(user, "is_authenticated", False) else None
    if any(key == comparison_key(staff) for staff in staff_names(exclude_user=account)):
        raise ValidationError(
            _("Namnet är för likt namnet på någon som arbetar med webbplatsen. Välj ett annat namn."),
            code="staff",
        )
    return name


def validate_display_name(value):
    """The same check as a field validator (for forms that have no user at hand)."""
    clean_display_name(value)
