"""The admin's user list shows staff by default; reader accounts are listed apart under a filter.

Staff are accounts that can open the admin: superusers, or holders of `wagtailadmin.access_admin`
through a group or directly. Everyone else is a reader (accounts made through the public sign-up).
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.users.views import users

STAFF, READERS, EVERYONE = "personal", "lasare", "alla"


def staff_q():
    access = Q(
        groups__permissions__codename="access_admin", groups__permissions__content_type__app_label="wagtailadmin"
    )
    direct = Q(user_permissions__codename="access_admin", user_permissions__content_type__app_label="wagtailadmin")
    return Q(is_superuser=True) | access | direct


def only_staff(queryset):
    return queryset.filter(pk__in=queryset.model.objects.filter(staff_q()).values("pk"))


def only_readers(queryset):
    return queryset.exclude(pk__in=queryset.model.objects.filter(staff_q()).values("pk"))


class UserFilterSet(users.UserFilterSet):
    account_kind = django_filters.ChoiceFilter(
        label=_("Konton"),
        choices=[(STAFF, _("Personal")), (READERS, _("Läsare")), (EVERYONE, _("Alla"))],
        empty_label=None,
        widget=forms.RadioSelect,
        method="filter_account_kind",
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("account_kind") not in (None, STAFF, READERS, EVERYONE):
            # An unknown value would make the whole filter form invalid, and Wagtail then lists
            # every account: drop it so the staff-only default holds.
            data = data.copy()
            data.pop("account_kind")
        super().__init__(data, *args, **kwargs)

    def filter_account_kind(self, queryset, name, value):
        if value == READERS:
            return only_readers(queryset)
        if value == EVERYONE:
            return queryset
        return only_staff(queryset)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("account_kind"):
            # Staff only unless the reader (or every-account) filter is chosen.
            queryset = only_staff(queryset)
        return queryset

    class Meta(users.UserFilterSet.Meta):
        pass


class UserViewSet(users.UserViewSet):
    filterset_class = UserFilterSet

    def get_form_class(self, for_update=False):
        # Each group in the form says what it may do (website.group_descriptions).
        from website.group_descriptions import DescribedUserCreationForm, DescribedUserEditForm

        return DescribedUserEditForm if for_update else DescribedUserCreationForm
