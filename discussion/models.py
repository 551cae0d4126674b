"""Reader comments: the commentable-page mixin, the comment model, then the site-wide settings.

discussion/ knows pages only through `CommentableMixin`; it never imports blog, casestudies or events.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting

from caching.memo import RememberedSetting

# xtd's tree allows at most this many reply levels; the site setting picks a depth within it.
MAX_REPLY_DEPTH = 3


def edit_handler_with_comments(content_panels, promote_panels, settings_panels):
    """The page editor's tabs with a "Kommentarer" tab for the comment window; commentable pages use it."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Innehåll")),
            ObjectList(promote_panels, heading=_("Marknadsför")),
            ObjectList(settings_panels, heading=_("Inställningar")),
            ObjectList(CommentableMixin.comment_panels, heading=_("Kommentarer")),
        ]
    )


class CommentMode(models.TextChoices):
    DEFAULT = "default", _("Webbplatsens standard")
    OPEN = "open", _("Öppet för kommentarer")
    CLOSED = "closed", _("Stängt för fler kommentarer")
    HIDDEN = "hidden", _("Dolt (ingen kommentarsdel)")


class LoginRequirement(models.TextChoices):
    DEFAULT = "default", _("Webbplatsens standard")
    REQUIRED = "required", _("Inloggning krävs")
    ANONYMOUS = "anonymous", _("Alla får kommentera")


class CommentableMixin(models.Model):
    """Inherit this (before the page base class) to give a page type a comment section.

    Editors get the fields in a "Kommentarer" tab: add `comment_panels` to the page's edit handler.
    """

    comment_mode = models.CharField(
        verbose_name=_("Kommentarer"),
        max_length=10,
        choices=CommentMode.choices,
        default=CommentMode.DEFAULT,
        help_text=_("Om läsarna får kommentera sidan. ”Dolt” tar bort hela kommentarsdelen."),
    )
    comments_close_at = models.DateTimeField(
        verbose_name=_("Stäng kommentarerna"),
        null=True,
        blank=True,
        help_text=_("Valfritt. Efter denna tidpunkt går det inte att kommentera."),
    )
    comments_close_after_days = models.PositiveSmallIntegerField(
        verbose_name=_("Stäng efter antal dagar"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(3650)],
        help_text=_("Valfritt. Antal dagar efter första publiceringen. Tomt betyder webbplatsens standard."),
    )
    comments_login = models.CharField(
        verbose_name=_("Inloggning"),
        max_length=10,
        choices=LoginRequirement.choices,
        default=LoginRequirement.DEFAULT,
        help_text=_("Om läsaren måste vara inloggad för att få kommentera."),
    )

    comment_panels = [
        MultiFieldPanel(
            [
                FieldPanel("comment_mode"),
                FieldPanel("comments_login"),
                FieldPanel("comments_close_at"),
                FieldPanel("comments_close_after_days"),
            ],
            heading=_("Kommentarer"),
        )
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from .section import comment_section_context

        context = super().get_context(request, *args, **kwargs)
        context["comment_section"] = comment_section_context(self, request)
        return context


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på granskning")
    APPROVED = "approved", _("Godkänd")
    REJECTED = "rejected", _("Avvisad")
    REMOVED = "removed", _("Borttagen")
    # The commenter deleted it themselves (Mitt konto); replies keep their place under a placeholder.
    DELETED = "deleted", _("Borttagen av skribenten")


class Comment(XtdComment):
    """A reader comment. `status` is the truth; `is_public`/`is_removed` mirror it for contrib-comments.

    A comment is public only when its own status is approved (and its parent is public): approving
    a parent never publishes its replies, unlike xtd's pre_save cascade, which status ignores.
    """

    xtdcomment_ptr = models.OneToOneField(
        XtdComment, parent_link=True, primary_key=True, on_delete=models.CASCADE, related_name="reader_comment"
    )
    status = models.CharField(
        verbose_name=_("Status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    notify_on_approval = models.BooleanField(verbose_name=_("Meddela vid publicering"), default=False)
    moderated_at = models.DateTimeField(verbose_name=_("Granskad"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Granskad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Why it was rejected or removed; the commenter is told, unless it was marked as spam.
    decision_reason = models.TextField(verbose_name=_("Skäl"), blank=True)
    rejected_as_spam = models.BooleanField(verbose_name=_("Skräppost"), default=False)
    # A reply written by a moderator or editor in the agency's name ("Svar från <agency>").
    is_official = models.BooleanField(verbose_name=_("Svar från myndigheten"), default=False)
    edited_at = models.DateTimeField(verbose_name=_("Redigerad av skribenten"), null=True, blank=True)
    moderator_edited_at = models.DateTimeField(verbose_name=_("Redigerad av moderator"), null=True, blank=True)
    # Why the hold rules kept it for a moderator (discussion.holds), one reason per line.
    held_because = models.TextField(verbose_name=_("Hölls för granskning eftersom"), blank=True, editable=False)
    # One filled-in form (see discussion.views.submission_key): a resend finds the stored comment.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentarer")
        permissions = [
            ("moderate_comment", _("Kan granska kommentarer")),
            ("reply_as_agency", _("Kan svara i myndighetens namn")),
        ]

    def __str__(self):
        return f"{self.user_name}: {self.comment[:40]}"

    def moderation_state(self):
        """What a moderator saw: the queue's form sends it back, and a decision applies only while
        the comment is still in that state (see discussion.admin_views.moderate)."""
        moderated = self.moderated_at.timestamp() if self.moderated_at else 0
        edited = self.edited_at.timestamp() if self.edited_at else 0
        return f"{self.status}:{moderated:.6f}:{edited:.6f}"


class CommentRevision(models.Model):
    """A moderator's correction of a comment (discussion/corrections.py): the text before and after,
    who, when and why. The newest revision's `text_after` is the comment's text."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("Kommentar"), on_delete=models.CASCADE, related_name="revisions"
    )
    text_before = models.TextField(verbose_name=_("Text före ändringen"))
    text_after = models.TextField(verbose_name=_("Text efter ändringen"))
    reason = models.TextField(verbose_name=_("Skäl"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Ändrad av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(verbose_name=_("Ändrad"), db_index=True)

    class Meta:
        verbose_name = _("Ändring av kommentar")
        verbose_name_plural = _("Ändringar av kommentarer")
        ordering = ["-edited_at", "-pk"]

    def __str__(self):
        return f"{self.comment_id} {self.edited_at:%Y-%m-%d %H:%M}"


class ModerationPolicy(models.TextChoices):
    HOLD_ALL = "hold_all", _("Alla kommentarer granskas före publicering")
    TRUST_KNOWN = "trust_known", _("Publicera direkt för den som fått en kommentar godkänd tidigare")


class CommentSettings(RememberedSetting, BaseSiteSetting):
    """Site-wide defaults for comment windows and moderation; registered in wagtail_hooks.py."""

    enabled_by_default = models.BooleanField(
        verbose_name=_("Kommentarer på nya sidor"),
        default=True,
        help_text=_("Gäller sidor där kommentarer står på ”Webbplatsens standard”. Av betyder ingen kommentarsdel."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        verbose_name=_("Stäng efter antal dagar"),
        null=True,
        blank=True,
        default=30,
        validators=[MaxValueValidator(3650)],
        help_text=_("Dagar efter första publiceringen. Tomt betyder att kommentarerna inte stängs av sig själva."),
    )
    login_required = models.BooleanField(
        verbose_name=_("Inloggning krävs"),
        default=True,
        help_text=_("Om läsaren måste vara inloggad för att kommentera, där sidan inte säger något annat."),
    )
    max_length = models.PositiveSmallIntegerField(
        verbose_name=_("Längsta kommentar (tecken)"),
        default=300,
        validators=[MinValueValidator(20), MaxValueValidator(3000)],
        help_text=_("Radbrytningar räknas som ett tecken."),
    )
    reply_depth = models.PositiveSmallIntegerField(
        verbose_name=_("Svarsnivåer"),
        default=1,
        validators=[MaxValueValidator(MAX_REPLY_DEPTH)],
        help_text=_("0 betyder inga svar, 1 betyder svar på kommentarer men inte svar på svar."),
    )
    moderation_policy = models.CharField(
        verbose_name=_("Granskning"),
        max_length=12,
        choices=ModerationPolicy.choices,
        default=ModerationPolicy.HOLD_ALL,
        help_text=_("Om alla kommentarer ska granskas, eller bara de från nya kommentatorer."),
    )
    link_limit = models.PositiveSmallIntegerField(
        verbose_name=_("Granska vid antal länkar"),
        default=2,
        help_text=_("En kommentar med så här många länkar eller fler hålls alltid för granskning."),
    )
    trusted_after_approved = models.PositiveSmallIntegerField(
        verbose_name=_("Godkända kommentarer innan en kommentator är känd"),
        default=3,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "När kända kommentatorer publiceras direkt: en ny kommentators första kommentarer hålls alltid för "
            "granskning, tills så här många har godkänts."
        ),
    )
    rejection_rate_limit = models.PositiveSmallIntegerField(
        verbose_name=_("Gräns för andel avvisade (procent)"),
        default=30,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "En kommentator vars kommentarer de senaste 90 dagarna avvisats eller tagits bort oftare än så här "
            "(räknat när minst tre har granskats) hålls alltid för granskning."
        ),
    )
    disallowed_words = models.TextField(
        verbose_name=_("Förbjudna ord"),
        blank=True,
        help_text=_("Ett ord eller uttryck per rad. Kommentarer som innehåller dem tas inte emot."),
    )
    moderation_words = models.TextField(
        verbose_name=_("Ord som kräver granskning"),
        blank=True,
        help_text=_("Ett ord eller uttryck per rad. Kommentarer som innehåller dem hålls alltid för granskning."),
    )
    reserved_names = models.TextField(
        verbose_name=_("Förbehållna namn"),
        blank=True,
        default="Redaktionen\nModerator\nAdministratör",
        help_text=_(
            "Ett namn per rad som läsare inte får använda, utöver myndighetens namn och namnen på "
            "personalens konton. Stora och små bokstäver och accenter räknas lika."
        ),
    )
    decision_reasons = models.TextField(
        verbose_name=_("Skäl att avvisa eller ta bort"),
        blank=True,
        default=(
            "Kränkande eller hotfullt\nHandlar inte om inlägget\nPersonuppgifter om någon annan\n"
            "Olagligt innehåll\nReklam"
        ),
        help_text=_(
            "Ett skäl per rad, att välja i granskningskön. Den som skrev kommentaren får veta skälet, "
            "utom när den markeras som skräppost."
        ),
    )
    official_badge = models.CharField(
        verbose_name=_("Märkning av myndighetens svar"),
        max_length=80,
        blank=True,
        help_text=_(
            "Visas vid varje svar som en moderator eller redaktör skriver i myndighetens namn. Tomt betyder "
            "”Svar från” och myndighetens namn i webbplatsinställningarna."
        ),
    )
    moderator_email = models.EmailField(
        verbose_name=_("E-post till moderatorerna"),
        blank=True,
        help_text=_("Får ett meddelande om varje kommentar som väntar på granskning."),
    )

    # Comments and the decisions on them are public records (allmänna handlingar): under the
    # Archives Act (arkivlagen 1990:782) they may be culled only as a culling decision (gallringsbeslut,
    # in the agency's records management plan) allows. So the default keeps the log; the agency enters
    # the time its decision gives, and `manage.py purge_decision_log` (daily) deletes what is older.
    decision_log_retention_days = models.PositiveIntegerField(
        verbose_name=_("Beslutsloggen sparas (dagar)"),
        null=True,
        blank=True,
        default=None,
        validators=[MinValueValidator(365), MaxValueValidator(36500)],
        help_text=_(
            "Hur länge moderatorernas beslut sparas i beslutsloggen. Beslut om kommentarer är allmänna "
            "handlingar: ange den tid som myndighetens gallringsbeslut anger (till exempel 3650 för tio år). "
            "Tomt betyder att loggen sparas tills ett gallringsbeslut finns. Äldre poster raderas varje natt."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("enabled_by_default"), FieldPanel("close_after_days"), FieldPanel("login_required")],
            heading=_("Kommentarsfönster"),
        ),
        MultiFieldPanel([FieldPanel("max_length"), FieldPanel("reply_depth")], heading=_("Formuläret")),
        MultiFieldPanel(
            [
                FieldPanel("moderation_policy"),
                FieldPanel("link_limit"),
                FieldPanel("trusted_after_approved"),
                FieldPanel("rejection_rate_limit"),
                FieldPanel("disallowed_words"),
                FieldPanel("moderation_words"),
                FieldPanel("reserved_names"),
                FieldPanel("decision_reasons"),
                FieldPanel("moderator_email"),
            ],
            heading=_("Granskning"),
        ),
        MultiFieldPanel([FieldPanel("official_badge")], heading=_("Myndighetens svar")),
        MultiFieldPanel([FieldPanel("decision_log_retention_days")], heading=_("Beslutslogg")),
    ]

    class Meta:
        verbose_name = _("Kommentarsinställningar")

    @staticmethod
    def _words(text):
        return [line.strip().lower() for line in text.splitlines() if line.strip()]

    def disallowed_word_list(self):
        return self._words(self.disallowed_words)

    def moderation_word_list(self):
        return self._words(self.moderation_words)

    def decision_reason_list(self):
        return [line.strip() for line in self.decision_reasons.splitlines() if line.strip()]

    def official_badge_text(self, agency_name):
        """The badge on the agency's replies: the setting, or "Svar från <agency>"."""
        return self.official_badge.strip() or _("Svar från %(agency)s") % {"agency": agency_name}

    def reserved_name_list(self):
        return [line.strip() for line in self.reserved_names.splitlines() if line.strip()]


class ReportReason(models.TextChoices):
    OFFENSIVE = "offensive", _("Kränkande")
    SPAM = "spam", _("Spam")
    ILLEGAL = "illegal", _("Olagligt innehåll")
    OTHER = "other", _("Annat")


class ReportOutcome(models.TextChoices):
    KEEP = "keep", _("Behållen")
    REMOVE = "remove", _("Borttagen")


class CommentReport(models.Model):
    """A reader's report ("Anmäl") of a published comment (discussion/reports.py).

    `ip_address` is forgotten after the same time as a comment's (purge_comment_ips)."""

    comment = models.ForeignKey(Comment, verbose_name=_("Kommentar"), on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(verbose_name=_("Skäl"), max_length=10, choices=ReportReason.choices)
    text = models.TextField(verbose_name=_("Beskrivning"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Anmäld av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(verbose_name=_("IP-adress"), null=True, blank=True, unpack_ipv4=True)
    created_at = models.DateTimeField(verbose_name=_("Anmäld"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(verbose_name=_("Hanterad"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Hanterad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(verbose_name=_("Beslut"), max_length=10, choices=ReportOutcome.choices, blank=True)

    class Meta:
        verbose_name = _("Anmälan")
        verbose_name_plural = _("Anmälningar")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment_id}"


class CommenterNote(models.Model):
    """A moderator's note about a commenter (discussion/context.py): an account, or for an anonymous
    commenter the e-mail address they gave (stored lower-cased, matched case-insensitively).

    Personal data: it is part of the commenter's data export and goes when their data is erased
    (discussion/personal_data.py, erase_comments). The decision log names a note only by its id."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Kommentatorns konto"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.EmailField(verbose_name=_("Kommentatorns e-postadress"), blank=True, db_index=True)
    text = models.TextField(verbose_name=_("Anteckning"))
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("Skriven vid kommentar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Skriven av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(verbose_name=_("Skriven"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Anteckning om kommentator")
        verbose_name_plural = _("Anteckningar om kommentatorer")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""), name="commenter_note_has_commenter"
            )
        ]

    def __str__(self):
        # The decision log keeps this label; it names no one and quotes nothing.
        return _("Anteckning %(id)s") % {"id": self.pk}


class RestrictionKind(models.TextChoices):
    PREMODERATE = "premoderate", _("Granska alltid")
    BAN = "ban", _("Avstängd")
    SUSPEND = "suspend", _("Tillfälligt avstängd")


class RestrictionQuerySet(models.QuerySet):
    def active(self, now=None):
        """Not lifted, and (for a suspension) not yet over."""
        from django.utils import timezone

        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(models.Q(until__isnull=True) | models.Q(until__gt=now))

    def for_commenter(self, user=None, email=""):
        """The restrictions that concern this commenter: the account, or the address (either case).
        An account and its own address count as one commenter, both ways."""
        email = (email or "").strip()
        match = models.Q(pk__in=[])
        if user is not None and user.pk is not None:
            match |= models.Q(user=user)
            email = email or (user.email or "").strip()
        if email:
            # The address, and an account with that address (a banned account's owner posting anonymously).
            match |= models.Q(email__iexact=email) | models.Q(user__email__iexact=email)
        return self.filter(match)


class CommenterRestriction(models.Model):
    """A moderator's rule for one commenter (an account, or an address for anonymous comments):
    always hold their comments, refuse them (ban), or refuse them until a time (suspension).
    Made, lifted and logged in discussion/restrictions.py."""

    kind = models.CharField(verbose_name=_("Begränsning"), max_length=12, choices=RestrictionKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comment_restrictions",
    )
    email = models.EmailField(verbose_name=_("E-postadress"), blank=True, db_index=True)
    until = models.DateTimeField(verbose_name=_("Till och med"), null=True, blank=True)
    reason = models.TextField(verbose_name=_("Skäl"))
    created_at = models.DateTimeField(verbose_name=_("Beslutad"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Beslutad av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lifted_at = models.DateTimeField(verbose_name=_("Hävd"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Hävd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lift_reason = models.TextField(verbose_name=_("Skäl att häva"), blank=True)

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Begränsad kommentator")
        verbose_name_plural = _("Begränsade kommentatorer")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.commenter_label()}: {self.get_kind_display()}"

    def commenter_label(self):
        if self.user_id:
            return self.user.get_username()
        return self.email

    @property
    def is_active(self):
        from django.utils import timezone

        return self.lifted_at is None and (self.until is None or self.until > timezone.now())
