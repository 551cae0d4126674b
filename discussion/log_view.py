"""The decision log ("Beslutslogg", /admin/beslutslogg/): every `discussion.*` entry of Wagtail's log.

A Wagtail report view (`wagtail.admin.views.reports.ReportView`: Wagtail's listing, a django-filter
`FilterSet`, paging, and its CSV and XLSX export of the filtered rows) over `ModelLogEntry`. The
action filter's choices come from Wagtail's log action registry, so a verb another module registers
(`discussion.ban`, `discussion.note`, ...) is listed and filterable without a change here. Who may
see it is the comment queue's permission policy: holders of *Kan granska kommentarer* (the
Moderatorer group) and superusers.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import ModelLogEntry, Page

from . import decision_log
from .admin_views import PERMISSION, admin_time
from .context import context_url
from .models import Comment
from .queue import ModerationPermissionPolicy

MAX_QUERY_LENGTH = 200
EXPORT_BATCH = 1000
# Dates outside these years are refused (a year 1 date overflows when moved to UTC).
FIRST_YEAR, LAST_YEAR = 2000, 2999


def moderators_in_log(request):
    """The users who have a `discussion.*` entry, for the moderator filter."""
    users = get_user_model().objects.filter(pk__in=decision_log.entries().values("user_id"))
    return users.order_by("first_name", "last_name", "username")


class ModeratorField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class ModeratorChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModeratorField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra["error_messages"] = {"invalid_choice": _("Välj en moderator i listan.")}


class DecisionLogFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        span = cleaned.get("date")
        if span:
            for value in (span.start, span.stop):
                if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
                    self.add_error(
                        "date",
                        _("Ange datum mellan år %(first)s och %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
                    )
                    break
        return cleaned


class DecisionLogFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Åtgärd"),
        choices=decision_log.action_choices,
        empty_label=_("Alla åtgärder"),
        error_messages={"invalid_choice": _("Välj en åtgärd i listan.")},
    )
    user = ModeratorChoiceFilter(
        label=_("Moderator"),
        queryset=moderators_in_log,
        empty_label=_("Alla moderatorer"),
    )
    date = django_filters.DateFromToRangeFilter(label=_("Datum"), field_name="timestamp", widget=DateRangePickerWidget)

    class Meta:
        model = ModelLogEntry
        fields = []
        form = DecisionLogFilterForm


class DecisionPaginator(WagtailPaginator):
    """Says "3 beslut" under the listing, not the log model's name."""

    verbose_name = _("beslut")
    verbose_name_plural = _("beslut")


class LinkColumn(Column):
    cell_template_name = "discussion/admin/cells/log_link.html"


class DecisionLogView(ReportView):
    page_title = _("Beslutslogg")
    header_icon = "history"
    model = ModelLogEntry
    permission_policy = ModerationPermissionPolicy(Comment)
    any_permission_required = ["view"]
    filterset_class = DecisionLogFilterSet
    index_url_name = "discussion_decision_log"
    index_results_url_name = "discussion_decision_log_results"
    results_template_name = "discussion/admin/decision_log_results.html"
    is_searchable = True
    search_backend_name = None
    default_ordering = "-timestamp"
    paginate_by = 50
    verbose_name = _("beslut")
    verbose_name_plural = _("beslut")
    paginator_class = DecisionPaginator

    list_export = [
        "timestamp",
        "user_display_name",
        "action_label",
        "comment_ref",
        "commenter",
        "page_title",
        "reason_text",
        "spam_text",
    ]
    export_headings = {
        "timestamp": _("Tid"),
        "user_display_name": _("Moderator"),
        "action_label": _("Åtgärd"),
        "comment_ref": _("Kommentar"),
        "commenter": _("Kommentator"),
        "page_title": _("Sida"),
        "reason_text": _("Skäl"),
        "spam_text": _("Skräppost"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        local = {
            self.FORMAT_CSV: lambda value: timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S"),
            self.FORMAT_XLSX: lambda value: timezone.make_naive(value),
        }
        self.custom_field_preprocess = {**self.custom_field_preprocess, "timestamp": local}

    @cached_property
    def columns(self):
        return [
            Column(
                "timestamp", label=_("När"), sort_key="timestamp", accessor=lambda entry: admin_time(entry.timestamp)
            ),
            Column("user_display_name", label=_("Vem")),
            Column("action_label", label=_("Åtgärd")),
            LinkColumn("comment_ref", label=_("Kommentar")),
            Column("commenter", label=_("Kommentator")),
            Column("page_title", label=_("Sida")),
            Column("reason_text", label=_("Skäl")),
        ]

    def get_filename(self):
        return "beslutslogg-{}".format(timezone.localdate().strftime("%Y-%m-%d"))

    def get_base_queryset(self):
        return decision_log.entries().select_related("user")

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "-pk")

    def search_queryset(self, queryset):
        query = " ".join(self.search_query.split())[:MAX_QUERY_LENGTH]
        if not query:
            return queryset
        comments = (
            Comment.objects.filter(Q(comment__icontains=query) | Q(user_name__icontains=query))
            .annotate(pk_text=Cast("pk", CharField()))
            .values("pk_text")
        )
        return queryset.filter(
            Q(data__reason__icontains=query)
            | Q(data__commenter__icontains=query)
            | Q(content_type=_comment_type(), object_id__in=comments)
        )

    @cached_property
    def filters_refused(self):
        return bool(self.filters and self.filters.is_bound and not self.filters.is_valid())

    def get_filtered_queryset(self):
        if self.filters_refused:
            return decision_log.entries().none()
        return super().get_filtered_queryset()

    @cached_property
    def no_results_message(self):
        if self.filters_refused:
            return _("Filtret kunde inte användas. Rätta det som är markerat och försök igen.")
        if self.is_searching or self.is_filtering:
            return _("Inga beslut stämmer med sökningen eller filtret.")
        return _("Inga beslut är loggade ännu.")

    def decorate_paginated_queryset(self, object_list):
        if self.is_export:
            return self.decorated_in_batches(object_list.iterator(chunk_size=EXPORT_BATCH))
        return self.decorate_batch(list(object_list))

    def decorated_in_batches(self, entries):
        batch = []
        for entry in entries:
            batch.append(entry)
            if len(batch) == EXPORT_BATCH:
                yield from self.decorate_batch(batch)
                batch = []
        yield from self.decorate_batch(batch)

    def decorate_batch(self, entries):
        """Decorate the rows; an entry on something other than a comment (a note, a restriction) that
        names a comment but not its commenter or page gets them from the comment (two queries at most)."""
        entries = [self.decorate(entry) for entry in entries]
        missing = [e for e in entries if e.comment_id and not e.on_comment and (not e.commenter or not e.page_title)]
        if not missing:
            return entries
        comments = {
            c["pk"]: c
            for c in Comment.objects.filter(pk__in={int(e.comment_id) for e in missing}).values(
                "pk", "user_name", "object_pk"
            )
        }
        page_ids = {int(c["object_pk"]) for c in comments.values() if str(c["object_pk"]).isdigit()}
        titles = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "title")) if page_ids else {}
        for entry in missing:
            comment = comments.get(int(entry.comment_id))
            if comment is None:
                continue
            if not entry.commenter and "commenter" not in entry.data_dict:
                entry.commenter = comment["user_name"]
            if not entry.page_title and str(comment["object_pk"]).isdigit():
                entry.page_title = titles.get(int(comment["object_pk"]), "")
        return entries

    def decorate(self, entry):
        data = entry.data if isinstance(entry.data, dict) else {}
        entry.data_dict = data
        entry.action_label = decision_log.action_label(entry.action)
        entry.on_comment = entry.content_type_id == _comment_type().pk
        # An entry on something else (a note, a restriction) names the comment it was made from.
        comment_id = entry.object_id if entry.on_comment else data.get("comment_id", data.get("comment"))
        comment_id = str(comment_id) if comment_id is not None and str(comment_id).isdigit() else ""
        comment_id = comment_id if len(comment_id) < 10 else ""
        entry.comment_id = comment_id
        entry.comment_ref = _("Kommentar %(id)s") % {"id": comment_id} if comment_id else entry.label
        entry.comment_url = context_url(int(comment_id)) if comment_id else ""
        entry.commenter = str(data.get("commenter") or "")
        entry.page_title = str(data.get("page_title") or "")
        reason = str(data.get("reason") or "")
        if not reason and data.get("report_reasons"):
            reason = ", ".join(str(r) for r in data["report_reasons"])
        entry.reason_text = reason
        entry.spam_text = str(_("Ja")) if data.get("spam") else ""
        return entry

    def get(self, request, *args, **kwargs):
        if self.filters_refused:
            # A filter that does not hold is answered with the form's errors, never with every row.
            self.is_export = False
        response = super().get(request, *args, **kwargs)
        if self.filters_refused:
            response.status_code = 400
        return response


def _comment_type():
    # ContentType's cache answers this after the first call in a process.
    return ContentType.objects.get_for_model(Comment, for_concrete_model=False)


class DecisionLogMenuItem(MenuItem):
    """ "Beslutslogg" in the admin menu, next to the comment queue and Anmälda, for moderators."""

    def __init__(self):
        super().__init__(
            _("Beslutslogg"),
            reverse_lazy("discussion_decision_log"),
            name="beslutslogg",
            icon_name="history",
            order=252,
        )

    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)
