"""The moderators' list of restricted commenters ("Begränsade kommentatorer"), on Wagtail's admin views.

A `ModelViewSet` lists the restrictions (a django-filter `FilterSet` by kind and state, search by
account, address or reason), adds one (prefilled from a comment in the queue: `?comment=<id>`), and
lifts one (a reason, then discussion.restrictions.lift). Nobody edits or deletes a restriction: a
decision is lifted, never rewritten. The same people as the comment queue may do this (Moderatorer
and superusers, the `moderate_comment` permission).
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from . import restrictions
from .admin_views import admin_time
from .models import Comment, CommenterRestriction, RestrictionKind
from .queue import ModerationPermissionPolicy

MAX_ID = 2**31 - 1


class RestrictionPermissionPolicy(ModerationPermissionPolicy):
    """Moderators list, add and lift restrictions; nobody edits or deletes one."""

    actions = ("view", "add", "lift")


def add_url(comment=None):
    """The form that restricts a commenter, prefilled with this comment's commenter if given."""
    url = reverse(f"{RestrictionViewSet.name}:add")
    return f"{url}?{urlencode({'comment': comment.pk})}" if comment is not None else url


class RestrictionState:
    ACTIVE = "active"
    LIFTED = "lifted"
    EXPIRED = "expired"
    CHOICES = [(ACTIVE, _("Gäller")), (LIFTED, _("Hävda")), (EXPIRED, _("Utgångna"))]


class RestrictionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Begränsning"), choices=RestrictionKind.choices, empty_label=_("Alla"))
    state = django_filters.ChoiceFilter(
        label=_("Läge"), choices=RestrictionState.CHOICES, empty_label=_("Alla"), method="filter_state"
    )

    class Meta:
        model = CommenterRestriction
        fields = ["kind"]

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        if value == RestrictionState.ACTIVE:
            return queryset.active(now)
        if value == RestrictionState.LIFTED:
            return queryset.filter(lifted_at__isnull=False)
        if value == RestrictionState.EXPIRED:
            return queryset.filter(lifted_at__isnull=True, until__lte=now)
        return queryset


class RestrictionForm(WagtailAdminModelForm):
    """A new restriction: the kind, the account or the address, the end of a suspension, and why."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["user"].help_text = _("För kommentarer av inloggade läsare.")
        self.fields["email"].help_text = _("För kommentarer utan konto. Stora och små bokstäver räknas lika.")
        self.fields["until"].help_text = _("Bara för tillfällig avstängning: när den upphör av sig själv.")
        self.fields["reason"].help_text = _("Syns bara för moderatorerna och i beslutsloggen.")
        self.fields["reason"].error_messages["required"] = _("Skriv ett skäl till begränsningen.")
        self.fields["kind"].error_messages["required"] = _("Välj en begränsning.")

    def clean_reason(self):
        reason = " ".join(self.cleaned_data.get("reason", "").split())
        if not reason:
            raise forms.ValidationError(_("Skriv ett skäl till begränsningen."))
        return reason[:2000]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        user = cleaned.get("user")
        email = (cleaned.get("email") or "").strip().lower()
        cleaned["email"] = email
        if not user and not email and "email" not in self.errors:
            raise forms.ValidationError(_("Välj ett konto eller skriv en e-postadress."))
        if user and email:
            raise forms.ValidationError(_("Välj antingen ett konto eller en e-postadress, inte båda."))
        if kind == RestrictionKind.SUSPEND:
            until = cleaned.get("until")
            if until is None and "until" not in self.errors:
                self.add_error("until", _("Ange när den tillfälliga avstängningen upphör."))
            elif until is not None and until <= timezone.now():
                self.add_error("until", _("Slutet på en tillfällig avstängning måste ligga i framtiden."))
        elif kind:
            cleaned["until"] = None
        if (user or email) and restrictions.is_protected(user, email):
            raise forms.ValidationError(
                _("Konton som arbetar med webbplatsen och myndighetens egen adress kan inte begränsas.")
            )
        if kind and (user or email) and restrictions.active_for(user, email).filter(kind=kind).exists():
            raise forms.ValidationError(
                _(
                    "Kommentatorn har redan en begränsning av det här slaget som gäller. Häv den först om den ska ändras."
                )
            )
        return cleaned

    class Meta:
        model = CommenterRestriction
        fields = ["kind", "user", "email", "until", "reason"]


class CommenterColumn(Column):
    cell_template_name = "discussion/admin/cells/restricted_commenter.html"


class RestrictionStateColumn(Column):
    cell_template_name = "discussion/admin/cells/restriction_state.html"


class LiftColumn(Column):
    cell_template_name = "discussion/admin/cells/restriction_lift.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["lift_url"] = (
            reverse(f"{RestrictionViewSet.name}:lift", args=[instance.pk]) if instance.is_active else ""
        )
        return context


class RestrictionIndexView(IndexView):
    any_permission_required = ["view"]
    page_title = _("Begränsade kommentatorer")

    def get_base_queryset(self):
        return CommenterRestriction.objects.select_related("user", "created_by", "lifted_by").order_by(
            "-created_at", "-pk"
        )

    @cached_property
    def columns(self):
        return [
            CommenterColumn("commenter", label=_("Kommentator")),
            Column("kind", label=_("Begränsning"), accessor="get_kind_display", sort_key="kind"),
            Column("until", label=_("Till och med"), accessor=lambda r: admin_time(r.until), sort_key="until"),
            Column("reason", label=_("Skäl")),
            Column(
                "created_at",
                label=_("Beslutad"),
                accessor=lambda r: f"{admin_time(r.created_at)} {_who(r.created_by)}".strip(),
                sort_key="created_at",
            ),
            RestrictionStateColumn("state", label=_("Läge")),
            LiftColumn("lift", label=_("Åtgärd")),
        ]


def _who(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class RestrictionCreateView(CreateView):
    page_title = _("Begränsa en kommentator")
    error_message = _("Begränsningen kunde inte sparas. Rätta felen nedan.")
    submit_button_label = _("Spara begränsningen")
    submit_button_active_label = _("Sparar…")
    template_name = "discussion/admin/restriction_create.html"

    @cached_property
    def source_comment(self):
        """The comment the queue's link names (?comment=<id>); a forged or unknown id is a 404."""
        value = self.request.GET.get("comment")
        if value is None:
            return None
        if not value.isdigit() or int(value) > MAX_ID:
            raise Http404(_("Kommentaren finns inte."))
        return get_object_or_404(Comment.objects.select_related("user"), pk=int(value))

    def get_initial(self):
        initial = super().get_initial()
        comment = self.source_comment
        if comment is not None:
            if comment.user_id:
                initial["user"] = comment.user_id
            else:
                initial["email"] = comment.user_email
        kind = self.request.GET.get("kind")
        if kind in RestrictionKind.values:
            initial["kind"] = kind
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["source_comment"] = self.source_comment
        if self.source_comment is not None:
            context["action_url"] = f"{self.add_url}?{urlencode({'comment': self.source_comment.pk})}"
        return context

    def save_instance(self):
        instance = self.form.instance
        self.rejected = restrictions.restrict(instance, self.request.user, comment=self.source_comment)
        return instance

    def get_success_message(self, instance):
        message = _("%(kind)s: begränsningen av %(commenter)s är sparad.") % {
            "kind": instance.get_kind_display(),
            "commenter": instance.commenter_label(),
        }
        if self.rejected:
            count = len(self.rejected)
            from django.utils.translation import ngettext

            message += " " + ngettext(
                "%(count)d väntande kommentar avvisades.", "%(count)d väntande kommentarer avvisades.", count
            ) % {"count": count}
        return message

    def get_success_buttons(self):
        return []

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl att häva"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data.get("reason", "").split())
        if not reason:
            raise forms.ValidationError(_("Skriv varför begränsningen hävs."))
        return reason


class LiftView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Lift one restriction that still applies: a reason, then discussion.restrictions.lift."""

    model = CommenterRestriction
    permission_required = "lift"
    form_class = LiftForm
    template_name = "discussion/admin/restriction_lift.html"
    page_title = _("Häv begränsning")
    header_icon = "lock-open"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        pk = kwargs.get("pk", 0)
        self.restriction = get_object_or_404(
            CommenterRestriction.objects.select_related("user", "created_by"), pk=pk if pk <= MAX_ID else 0
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["restriction"] = self.restriction
        return context

    def get(self, request, *args, **kwargs):
        if not self.restriction.is_active:
            return self._not_active()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.restriction.is_active:
            return self._not_active()
        return super().post(request, *args, **kwargs)

    def _not_active(self):
        messages.error(self.request, _("Begränsningen gäller inte längre och kan inte hävas."))
        response = HttpResponseRedirect(reverse(f"{RestrictionViewSet.name}:index"))
        response.status_code = 409 if self.request.method == "POST" else 302
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        if restrictions.lift(self.restriction, self.request.user, form.cleaned_data["reason"]):
            messages.success(
                self.request,
                _("Begränsningen av %(commenter)s är hävd.") % {"commenter": self.restriction.commenter_label()},
            )
        else:
            messages.error(self.request, _("Begränsningen gäller inte längre och kan inte hävas."))
        return HttpResponseRedirect(reverse(f"{RestrictionViewSet.name}:index"))


class RestrictionViewSet(ModelViewSet):
    model = CommenterRestriction
    name = "discussion_restrictions"
    url_prefix = "begransade-kommentatorer"
    icon = "lock"
    menu_label = _("Begränsade kommentatorer")
    menu_name = "begransade_kommentatorer"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = RestrictionIndexView
    add_view_class = RestrictionCreateView
    filterset_class = RestrictionFilterSet
    search_fields = ["email", "reason", "user__username", "user__email", "user__first_name", "user__last_name"]
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("kind"), FieldPanel("user"), FieldPanel("email"), FieldPanel("until"), FieldPanel("reason")],
        base_form_class=RestrictionForm,
    )

    @property
    def lift_view(self):
        return LiftView.as_view()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/hav/", self.lift_view, name="lift")]

    def get_permissions_to_register(self):
        # The comment queue's permission covers this list: nothing of its own for a group's settings.
        return Permission.objects.none()


restriction_viewset = RestrictionViewSet()
