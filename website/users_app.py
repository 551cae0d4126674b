"""Wagtail's users app with the project's user list (see `website.staff_users`) and a group
list that says what each group may do (`website.group_descriptions`).

Listed in INSTALLED_APPS instead of `wagtail.users`, as Wagtail documents for a custom user viewset.
Kept apart from `website.apps` so that importing it loads no models or views.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "website.staff_users.UserViewSet"
    group_viewset = "website.group_descriptions.GroupViewSet"
