"""What each editorial group may do, in plain Swedish, wherever the admin names a group.

Django's `Group` has no description field. The groups are created by migrations under fixed names
(website 0002, discussion 0002), so their descriptions live here, keyed by name and translated like
every other string. The group list gets a "Beskrivning" column (`GroupViewSet`, set as the users
app's `group_viewset`) and the user form lists each group with its description (`UserViewSet`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups

DESCRIPTIONS = {
    "Redaktörer": _(
        "Skriver och redigerar sidor och skickar dem till en publicist för granskning. Publicerar inte. Svarar läsare i myndighetens namn."
    ),
    "Publicister": _(
        "Granskar det redaktörerna skickar in och publicerar det, eller ber om ändringar. Svarar läsare i myndighetens namn."
    ),
    "Moderatorer": _(
        "Godkänner, avvisar, rättar och tar bort läsarnas kommentarer och svarar läsare i myndighetens namn. Kommer inte åt sidorna."
    ),
}


def describe(group):
    return DESCRIPTIONS.get(group.name, "")


class GroupDescriptionColumn(Column):
    def get_value(self, instance):
        return describe(instance)


class GroupIndexView(groups.IndexView):
    columns = [*groups.IndexView.columns, GroupDescriptionColumn("description", label=_("Beskrivning"))]


class GroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView


class DescribedGroupsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        description = describe(obj)
        return f"{obj.name}: {description}" if description else obj.name


class DescribedGroupsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("groups")
        if field is not None:
            self.fields["groups"] = DescribedGroupsField(
                queryset=field.queryset,
                required=field.required,
                widget=field.widget,
                label=field.label,
                help_text=_("Det som står efter gruppens namn är vad gruppen får göra i redigeringsverktyget."),
            )


class DescribedUserCreationForm(DescribedGroupsMixin, UserCreationForm):
    pass


class DescribedUserEditForm(DescribedGroupsMixin, UserEditForm):
    pass
