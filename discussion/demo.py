"""Demo comments and accounts: a closed post with a conversation, a post for logged-in readers, one open to all.

Runs last among the demo loaders. Finds posts through CommentableMixin, never by importing blog.
"""

import datetime

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from website.models import SiteSettings

from .models import Comment, CommentableMixin, CommentMode, CommentSettings, CommentStatus, LoginRequirement

MODELLED_POST_SLUG = "livskraftiga-landsbygder-bygger-pa-manga-roster"
PREFERRED_SLUGS = ["servicepunkter-som-haller-ihop-bygden", "unga-som-vill-stanna"]
DEMO_READER = ("lasare", "lasare@example.se", "lasare")
DEMO_MODERATOR = ("moderator", "moderator@example.se", "moderator")

CLOSED_THREADS = [
    (
        "Byalaget vid sjön",
        "Hos oss har byalaget tagit över den gamla skolan. Nu finns där cykelverkstad, bibliotek och kaffe "
        "på lördagar.",
        # None: the agency's own reply ("Svar från <agency>"), under its name in the site settings.
        [(None, "Tack! Det låter som ett exempel vi gärna skriver mer om.")],
    ),
    ("Fjällbo", "Bra att samiska näringar fick vara med från början. Det borde vara självklart överallt.", []),
    (
        "Kustkommunens utvecklare",
        "Vi provade medborgarbudget för landsbygden förra året. Det gav fler förslag än vi trodde.",
        [("Skärgårdsbo", "Hur många förslag kom in, och hur valde ni bland dem?")],
    ),
]
OPEN_COMMENTS = [
    ("Skogsbo", "Finns det fler lunchcaféer i vår? Jag missade det första.", CommentStatus.APPROVED),
    ("Nyinflyttad", "Vi saknar en mötesplats i byn. Var börjar man?", CommentStatus.PENDING),
]
ANONYMOUS_COMMENTS = [
    (
        "Hembygdsföreningen",
        "Vår förening kartlägger gamla stigar. Hör gärna av er om ni vill vara med.",
        CommentStatus.APPROVED,
    ),
    ("Cykelentusiast", "Mer sådant här! Och fler cykelvägar mellan byarna.", CommentStatus.PENDING),
    ("Lantbrukare", "Bredband är fortfarande det viktigaste för oss som driver företag här.", CommentStatus.PENDING),
]


def _commentable_pages():
    models = [m for m in apps.get_models() if issubclass(m, CommentableMixin) and issubclass(m, Page)]
    pages = []
    for model in models:
        pages.extend(model.objects.live().order_by("-first_published_at", "-pk"))
    return pages


def _set_window(page, mode, login):
    if page.comment_mode == mode and page.comments_login == login:
        return
    page.comment_mode = mode
    page.comments_login = login
    page.save_revision().publish()


def _add(page, name, text, status, parent=None, user=None, minutes_ago=0, official=False):
    content_type = ContentType.objects.get_for_model(page)
    existing = Comment.objects.filter(content_type=content_type, object_pk=str(page.pk), comment=text).first()
    if existing is not None:
        return existing, False
    comment = Comment(
        content_type=content_type,
        object_pk=str(page.pk),
        site_id=1,
        user=user,
        user_name=name,
        user_email=user.email if user else f"{name.lower().split()[0]}@example.se",
        comment=text,
        submit_date=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        is_public=status == CommentStatus.APPROVED,
        status=status,
        parent_id=parent.pk if parent else 0,
        is_official=official,
    )
    comment.save()
    return comment, True


def _user(username, email, password):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User.objects.create_user(username=username, email=email, password=password)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user, created


def load(context):
    comment_settings = CommentSettings.for_site(context.site)
    if not comment_settings.moderator_email:
        comment_settings.moderator_email = DEMO_MODERATOR[1]
        comment_settings.save()

    reader, created = _user(*DEMO_READER)
    if created:
        context.log("demo reader lasare@example.se")
    moderator, created = _user(*DEMO_MODERATOR)
    moderator.groups.add(Group.objects.get(name="Moderatorer"))
    if created:
        context.log("demo moderator")

    agency = SiteSettings.for_site(context.site).organisation_name
    pages = _commentable_pages()
    modelled = next((p for p in pages if p.slug == MODELLED_POST_SLUG), None)
    # Two posts the blog demo makes, with any others as fallback.
    preferred = {slug: position for position, slug in enumerate(PREFERRED_SLUGS)}
    others = sorted((p for p in pages if p.slug != MODELLED_POST_SLUG), key=lambda p: preferred.get(p.slug, 99))
    created_count = 0
    if modelled is not None:
        _set_window(modelled, CommentMode.CLOSED, LoginRequirement.REQUIRED)
        for position, (name, text, replies) in enumerate(CLOSED_THREADS):
            parent, made = _add(modelled, name, text, CommentStatus.APPROVED, minutes_ago=600 - 100 * position)
            created_count += made
            for reply_name, reply_text in replies:
                created_count += _add(
                    modelled,
                    reply_name or agency,
                    reply_text,
                    CommentStatus.APPROVED,
                    parent=parent,
                    user=moderator if reply_name is None else None,
                    minutes_ago=550 - 100 * position,
                    official=reply_name is None,
                )[1]
    if len(others) >= 1:
        _set_window(others[0], CommentMode.OPEN, LoginRequirement.REQUIRED)
        for position, (name, text, status) in enumerate(OPEN_COMMENTS):
            created_count += _add(
                others[0], name, text, status, user=reader if position == 0 else None, minutes_ago=120 - position
            )[1]
    if len(others) >= 2:
        _set_window(others[1], CommentMode.OPEN, LoginRequirement.ANONYMOUS)
        first = None
        for position, (name, text, status) in enumerate(ANONYMOUS_COMMENTS):
            comment, made = _add(others[1], name, text, status, minutes_ago=90 - position)
            first = first or comment
            created_count += made
        created_count += _add(
            others[1],
            "Stigfinnare",
            "Jag är med! Var hittar jag föreningen?",
            CommentStatus.PENDING,
            parent=first,
            minutes_ago=30,
        )[1]
    if created_count:
        context.log(f"{created_count} demo comments")

    if context.stdout is not None:
        context.stdout.write("  Reader:    lasare@example.se / lasare  (log in at /konto/login/)")
        context.stdout.write("  Moderator: moderator / moderator  (comment queue at /admin/kommentarer/)")
