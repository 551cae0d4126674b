"""The moderators' comment queue, on Wagtail's own admin views.

A `ModelViewSet` lists the comments (Wagtail's listing: search, filters, sorting, paging, select
all), a django-filter `FilterSet` holds the queues and filters, and Wagtail bulk actions approve,
reject or remove what is selected. Every decision goes through `admin_views.moderate()`, so a
comment another moderator decided on first is left alone and the commenter is told once.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, Value, When
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy

from . import context as comment_context
from . import corrections, official, reports
from .admin_views import PERMISSION, admin_time, conflict_message, moderate, pending_count, seen_states
from .models import Comment, CommentSettings, CommentStatus

# The queues a moderator switches between, in the order the tabs show them. A queue is a set of
# statuses, or REPORTED: the comments with reports no moderator has handled yet.
REPORTED = "reported"
QUEUES = {
    "pending": (_("Väntande"), [CommentStatus.PENDING]),
    REPORTED: (_("Anmälda"), REPORTED),
    "approved": (_("Godkända"), [CommentStatus.APPROVED]),
    "refused": (_("Avvisade"), [CommentStatus.REJECTED, CommentStatus.REMOVED]),
    "all": (_("Alla"), None),
}
DEFAULT_QUEUE = "pending"


class ModerationPermissionPolicy(BasePermissionPolicy):
    """Moderators (the `moderate_comment` permission) list and decide on comments; nobody creates,
    edits or deletes them through the admin's generic views (a decision is a status, never a delete)."""

    actions = ("view", "moderate")

    def user_has_permission(self, user, action):
        return action in self.actions and user.is_active and user.has_perm(PERMISSION)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & set(self.actions):
            return users.none()
        permission = Permission.objects.filter(content_type__app_label="discussion", codename="moderate_comment")
        return users.filter(
            Q(is_superuser=True) | Q(user_permissions__in=permission) | Q(groups__permissions__in=permission)
        ).distinct()


def commented_pages():
    """The pages that have comments, for the page filter."""
    ids = {int(pk) for pk in Comment.objects.values_list("object_pk", flat=True).distinct() if pk.isdigit()}
    return Page.objects.filter(pk__in=ids).order_by("title")


class CommentFilterSet(WagtailFilterSet):
    queue = django_filters.ChoiceFilter(
        label=_("Kö"),
        choices=[(key, label) for key, (label, _statuses) in QUEUES.items()],
        empty_label=None,
        widget=forms.RadioSelect,
        method="filter_queue",
    )
    page = django_filters.ModelChoiceFilter(
        label=_("Sida"),
        queryset=lambda request: commented_pages(),
        empty_label=_("Alla sidor"),
        method="filter_page",
    )
    date = django_filters.DateFromToRangeFilter(
        label=_("Skriven"), field_name="submit_date", widget=DateRangePickerWidget
    )
    commenter = django_filters.CharFilter(label=_("Kommentator (namn eller e-post)"), method="filter_commenter")

    class Meta:
        model = Comment
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # No queue chosen means the default queue: the comments that wait.
        if data is not None and not data.get("queue"):
            data = data.copy()
            data["queue"] = DEFAULT_QUEUE
        super().__init__(data, *args, **kwargs)
        self.form.fields["queue"].initial = DEFAULT_QUEUE

    def filter_queue(self, queryset, name, value):
        statuses = QUEUES.get(value, QUEUES[DEFAULT_QUEUE])[1]
        if statuses == REPORTED:
            return queryset.filter(pk__in=reports.open_reports().values("comment"))
        return queryset if statuses is None else queryset.filter(status__in=statuses)

    def filter_page(self, queryset, name, value):
        return queryset.filter(object_pk=str(value.pk))

    def filter_commenter(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(Q(user_name__icontains=value) | Q(user_email__icontains=value))


def decision_url(action, comment, request=None, **params):
    """The bulk action's URL for one comment, back to the listing the moderator came from."""
    query = {"id": comment.pk, **params}
    if request is not None:
        query["next"] = listing_url(request)
    return reverse("wagtail_bulk_action", args=["discussion", "comment", action]) + "?" + urlencode(query)


def listing_url(request):
    """The listing with the moderator's queue, filters and page (also from the AJAX results view)."""
    query = request.GET.copy()
    query.pop("_w_filter_fragment", None)
    url = reverse(f"{CommentViewSet.name}:index")
    return f"{url}?{query.urlencode()}" if query else url


class CommentTextColumn(Column):
    cell_template_name = "discussion/admin/cells/comment.html"


class PageColumn(Column):
    cell_template_name = "discussion/admin/cells/page.html"


class CommenterColumn(Column):
    cell_template_name = "discussion/admin/cells/commenter.html"


class StatusColumn(Column):
    cell_template_name = "discussion/admin/cells/status.html"


class DecisionColumn(Column):
    """Approve at once (a form posting the state the moderator sees); reject and remove ask for a reason."""

    cell_template_name = "discussion/admin/cells/decisions.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        seen = f"{instance.pk}:{instance.moderation_state()}"
        back = listing_url(request)
        context.update(
            {
                "csrf_token": get_token(request),
                "seen": seen,
                "approve_url": decision_url("approve", instance, request),
                "reject_url": decision_url("reject", instance, request, seen=seen),
                "remove_url": decision_url("remove", instance, request, seen=seen),
                # The agency answers a published reader's comment; a moderator corrects any comment
                # its writer has not deleted (discussion/official.py, discussion/corrections.py).
                "reply_url": official.agency_reply_url(instance.pk, back)
                if instance.status == CommentStatus.APPROVED
                and not instance.is_official
                and official.can_reply_as_agency(request.user)
                else "",
                # Wagtail keeps the site's settings for the request: one query for the whole listing.
                "agency": official.agency_name(request),
                "correct_url": f"{corrections.correction_url(instance.pk)}?{urlencode({'next': back})}"
                if instance.status != CommentStatus.DELETED and corrections.can_correct(request.user)
                else "",
                # Restrict this comment's commenter (discussion/restriction_admin.py), the form prefilled.
                "restrict_url": reverse("discussion_restrictions:add") + "?" + urlencode({"comment": instance.pk})
                if not instance.is_official
                else "",
                "back": back,
            }
        )
        # In the Anmälda queue: the open reports, and keep or remove them (discussion/reports.py).
        open_reports = getattr(instance, "open_reports", None)
        if open_reports:
            context.update(
                {
                    "open_reports": open_reports,
                    "reason_counts": reports.reason_counts(open_reports),
                    "last_report": max(report.pk for report in open_reports),
                    "handle_report_url": reverse("discussion_handle_report", args=[instance.pk]),
                }
            )
        return context


class CommentIndexView(IndexView):
    any_permission_required = ["view"]
    page_title = _("Kommentarer")

    def get_base_queryset(self):
        # The comments that wait come first, then the newest.
        return Comment.objects.select_related("content_type").order_by(
            Case(When(status=CommentStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "-submit_date",
        )

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
            CommentTextColumn("comment", label=_("Kommentar")),
            PageColumn("page", label=_("Sida")),
            CommenterColumn("user_name", label=_("Kommentator"), sort_key="user_name"),
            StatusColumn("status", label=_("Status"), sort_key="status"),
            Column(
                "submit_date",
                label=_("Skriven"),
                sort_key="submit_date",
                accessor=lambda comment: admin_time(comment.submit_date),
            ),
            DecisionColumn("decisions", label=_("Beslut")),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = context["object_list"]
        ids = {int(c.object_pk) for c in rows if c.object_pk.isdigit()}
        pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
        for comment in rows:
            comment.target_page = pages.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
        # A reply's parent and the commenter's other decisions (discussion/context.py): two queries.
        comment_context.annotate_rows(rows, back=listing_url(self.request))
        current = self.request.GET.get("queue") or DEFAULT_QUEUE
        if current == REPORTED:
            reports.attach_open_reports(rows)
        base = self.request.GET.copy()
        for key in ("queue", "p", "_w_filter_fragment"):
            base.pop(key, None)
        context["queues"] = [
            {
                "key": key,
                "label": label,
                "url": f"{self.index_url}?{urlencode({**base.dict(), 'queue': key})}",
                "current": key == current,
            }
            for key, (label, _statuses) in QUEUES.items()
        ]
        context["pending_count"] = pending_count()
        context["reported_count"] = reports.open_report_count()
        return context


class CommentQueueMenuItem(MenuItem):
    """ "Kommentarer", with a badge that says how many comments wait (the label itself stays short)."""

    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)

    def render_component(self, request):
        component = super().render_component(request)
        count = pending_count()
        if count:
            component.attrs = {
                **component.attrs,
                "data-pending-count": str(count),
                "aria-label": ngettext(
                    "Kommentarer, %(count)s väntar på granskning",
                    "Kommentarer, %(count)s väntar på granskning",
                    count,
                )
                % {"count": count},
            }
        return component


class CommentViewSet(ModelViewSet):
    model = Comment
    name = "discussion_comments"
    url_prefix = "kommentarer"
    icon = "comment"
    menu_label = _("Kommentarer")
    menu_name = "kommentarer"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = CommentIndexView
    filterset_class = CommentFilterSet
    search_fields = ["comment", "user_name", "user_email"]
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False
    # Comments are never edited through the generic edit view (the policy refuses "change").
    form_fields = []
    index_template_name = "discussion/admin/comment_index.html"
    index_results_template_name = "discussion/admin/comment_index_results.html"

    @property
    def menu_item_class(self):
        return CommentQueueMenuItem

    def get_permissions_to_register(self):
        # Only the moderators' permission shows in a group's settings: nobody adds, edits or deletes
        # comments through the admin.
        return Permission.objects.filter(content_type__app_label="discussion", codename="moderate_comment")


comment_viewset = CommentViewSet()


class DecisionForm(forms.Form):
    """Approving asks nothing more."""


class RefusalForm(forms.Form):
    """Rejecting or removing needs a reason (from the settings' list, or free text), unless it is spam."""

    # Focus starts here: the keyboard shortcut "r" in the listing leads to this form.
    reason = forms.ChoiceField(label=_("Skäl"), required=False, widget=forms.Select(attrs={"autofocus": True}))
    reason_text = forms.CharField(label=_("eller skriv ett eget"), required=False, max_length=500)
    spam = forms.BooleanField(label=_("Skräppost (inget meddelande skickas)"), required=False)

    def __init__(self, *args, reasons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Välj ett skäl"))] + [(r, r) for r in reasons]

    def clean(self):
        cleaned = super().clean()
        text = " ".join(cleaned.get("reason_text", "").split())
        reason = text or cleaned.get("reason", "")
        spam = cleaned.get("spam", False)
        if not reason and not spam:
            raise forms.ValidationError(
                _("Välj eller skriv ett skäl innan du avvisar eller tar bort. Skälet skickas till den som skrev.")
            )
        cleaned["decided_reason"] = reason or str(_("Skräppost"))
        return cleaned


class CommentDecision(BulkAction):
    """One of the moderators' decisions on the selected comments (a Wagtail bulk action)."""

    models = [Comment]
    template_name = "discussion/admin/confirm_decision.html"
    form_class = DecisionForm
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return self.request.user.has_perm(PERMISSION)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Forged ids (not numbers, or too long for the database) select nothing.
        ids = [int(i) for i in object_ids if str(i).isdigit() and len(str(i)) < 10]
        return super().get_queryset(model, ids)

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all in listing" means the listing as filtered: same queue, filters and search.
        filters = CommentFilterSet(self.request.GET, queryset=Comment.objects.all(), request=self.request)
        comments = filters.qs if filters.is_valid() else Comment.objects.none()
        query = " ".join(self.request.GET.get("q", "").split())[:200]
        if query:
            comments = comments.filter(
                Q(comment__icontains=query) | Q(user_name__icontains=query) | Q(user_email__icontains=query)
            )
        return comments.values_list("pk", flat=True)

    def object_context(self, obj):
        return {"item": obj, "seen": self.seen_from_listing.get(obj.pk) or obj.moderation_state()}

    @cached_property
    def seen_from_listing(self):
        """The states a moderator saw in the listing (a row's reject link carries it)."""
        return seen_states(self.request.GET.getlist("seen"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"action": self, "header_icon": "comment"})
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {
            "view": self,
            "user": self.request.user,
            "seen": seen_states(self.request.POST.getlist("seen")),
            "reason": data.get("decided_reason", ""),
            "spam": data.get("spam", False),
        }

    @classmethod
    def execute_action(cls, objects, view, user, seen, reason, spam):
        outcome = moderate([c.pk for c in objects], cls.action_type, user, seen=seen, reason=reason, spam=spam)
        for comment in outcome.conflicts:
            messages.warning(view.request, conflict_message(comment))
        if not outcome.count and not outcome.conflicts:
            messages.info(view.request, _("Inget behövde ändras."))
        return outcome.count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if not num_parent_objects:
            return None
        return self.success_message % {"count": num_parent_objects}


class ApproveComments(CommentDecision):
    display_name = _("Godkänn")
    action_type = "approve"
    confirm_label = _("Ja, godkänn")
    aria_label = _("Godkänn de markerade kommentarerna")
    action_priority = 10
    success_message = ngettext_lazy("%(count)s kommentar godkändes.", "%(count)s kommentarer godkändes.", "count")


class RefusingDecision(CommentDecision):
    form_class = RefusalForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "reasons": CommentSettings.for_request(self.request).decision_reason_list(),
        }


class RejectComments(RefusingDecision):
    display_name = _("Avvisa")
    action_type = "reject"
    confirm_label = _("Ja, avvisa")
    aria_label = _("Avvisa de markerade kommentarerna")
    action_priority = 20
    success_message = ngettext_lazy("%(count)s kommentar avvisades.", "%(count)s kommentarer avvisades.", "count")


class RemoveComments(RefusingDecision):
    display_name = _("Ta bort")
    action_type = "remove"
    confirm_label = _("Ja, ta bort")
    aria_label = _("Ta bort de markerade kommentarerna")
    action_priority = 30
    classes = {"serious"}
    success_message = ngettext_lazy("%(count)s kommentar togs bort.", "%(count)s kommentarer togs bort.", "count")
