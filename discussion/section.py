"""What the comment section of a page needs, in a fixed number of queries whatever the number of comments."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from caching import memo, tags

from .corrections import can_correct
from .forms import CommentForm
from .models import Comment, CommentSettings, CommentStatus
from .official import agency_name, can_reply_as_agency
from .rendering import render_comment_tree
from .window import comment_window


def public_comments(page):
    """Approved comments of a page as a tree; a reply shows only if every comment above it is public.

    A comment its writer deleted stays as a placeholder while approved replies hang under it.
    Remembered between readers' requests (caching.memo) while the thread stands."""
    content_type = ContentType.objects.get_for_model(page)
    return memo.remember(("public_comments", content_type.pk, page.pk), lambda: _comment_tree(content_type, page))


def _comment_tree(content_type, page):
    # Named tuples rather than model instances: building 300 models costs more than the query.
    # The page carries its thread's tag, which any change of one of its comments invalidates.
    with tags.scope(*thread_tags(content_type.pk, page.pk), instances=False):
        rows = list(
            Comment.objects.select_related(None)
            .filter(
                content_type=content_type,
                object_pk=str(page.pk),
                status__in=(CommentStatus.APPROVED, CommentStatus.DELETED),
            )
            .order_by("thread_id", "order", "pk")
            .values_list(
                "pk",
                "parent_id",
                "level",
                "user_name",
                "comment",
                "submit_date",
                "edited_at",
                "status",
                "is_official",
                "moderator_edited_at",
                named=True,
            )
        )
    # Two passes, so a reply is placed under its parent even where the thread's `order` values are
    # out of step (rows stored before replies were serialised per thread): a reply under a comment
    # that is not shown is not reachable from the roots, and so not shown either.
    nodes = {
        comment.pk: {"comment": comment, "children": [], "deleted": comment.status == CommentStatus.DELETED}
        for comment in rows
    }
    roots = []
    for comment in rows:
        node = nodes[comment.pk]
        if comment.parent_id == comment.pk:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id]["children"].append(node)
    roots = _without_empty_placeholders(roots)
    return roots, _count(roots)


def _without_empty_placeholders(nodes):
    kept = []
    for node in nodes:
        node["children"] = _without_empty_placeholders(node["children"])
        if not node["deleted"] or node["children"]:
            kept.append(node)
    return kept


def _count(nodes):
    return sum((0 if node["deleted"] else 1) + _count(node["children"]) for node in nodes)


def thread_tags(content_type_id, object_pk):
    """The cache tags of a page's comments: its thread, and every comment row for bulk updates."""
    return tags.thread_tag(content_type_id, object_pk), f"{tags.label(Comment)}:any"


def own_pending_comments(page, user):
    """A logged-in reader's comments on this page still waiting for moderation (only they see them;
    their pages bypass the shared cache). One query, none for anonymous readers."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Comment.objects.select_related(None)
        .filter(
            content_type=ContentType.objects.get_for_model(page),
            object_pk=str(page.pk),
            user=user,
            status=CommentStatus.PENDING,
        )
        .order_by("submit_date", "pk")
        .only("pk", "comment", "submit_date", "user_name", "parent_id")
    )


@dataclass
class Rejection:
    """A refused post, shown on the page itself: `form` refilled (with its errors, or with `message`
    above it), or, where the window has closed, the reader's `text` to copy."""

    message: str = ""
    form: CommentForm | None = None
    text: str = ""


def attach_rejection(request, rejection):
    """The page rendered for this request shows `rejection` in its comment section."""
    request.discussion_rejection = rejection


def comment_section_context(page, request):
    comment_settings = CommentSettings.for_request(request)
    window = comment_window(page, request.user, comment_settings)
    context = {"window": window, "page": page, "settings": comment_settings}
    if window.is_hidden:
        return context
    context["comments"], context["comment_count"] = public_comments(page)
    context["reply_depth"] = comment_settings.reply_depth
    agency = agency_name(request)
    context["comment_list_html"] = render_comment_tree(
        context["comments"],
        comment_settings.reply_depth,
        replies_open=window.is_open,
        official_badge=comment_settings.official_badge_text(agency),
        # Only for staff with the permission: logged in, so never in the page cache.
        agency_reply=agency if can_reply_as_agency(request.user) else None,
        moderator_links=can_correct(request.user),
        page_path=request.path,
    )
    context["thanks"] = request.GET.get("kommentar") in ("tack", "publicerad")
    context["published"] = request.GET.get("kommentar") == "publicerad"
    context["own_pending"] = own_pending_comments(page, request.user)
    rejection = getattr(request, "discussion_rejection", None)
    context["rejection"] = rejection
    if window.is_open:
        if rejection is not None and rejection.form is not None:
            context["form"] = rejection.form
        else:
            context["form"] = CommentForm(page, window=window, comment_settings=comment_settings, user=request.user)
    return context
