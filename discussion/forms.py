"""The reader's comment form: contrib-comments' security hash, our window, length, words and reply rules."""

import time

from django import forms
from django.utils.translation import gettext_lazy as _
from django_comments.forms import CommentSecurityForm

from .models import Comment, CommentStatus
from .names import clean_display_name

# A page may sit in a shared cache; the hash and timestamp it carries must stay valid for at
# least a day (two, so a page cached just before midnight still works the next evening).
FORM_LIFETIME_SECONDS = 2 * 24 * 60 * 60


def normalise_text(value):
    """Line breaks as the browser's textarea value has them, so both sides count alike."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def js_length(value):
    """Length as JavaScript's String.length counts it (UTF-16 code units), which the counter shows."""
    return len(value.encode("utf-16-le")) // 2


class CommentForm(CommentSecurityForm):
    name = forms.CharField(
        label=_("Namn som visas"),
        max_length=50,
        help_text=_("Visas tillsammans med kommentaren. Du kan använda ett smeknamn."),
    )
    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        help_text=_("Visas inte för andra. Behövs om vi måste kontakta dig om kommentaren."),
    )
    comment = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 6}), strip=False)
    notify = forms.BooleanField(label=_("Meddela mig när kommentaren publiceras"), required=False)
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    # A field people never see (hidden by CSS, not by type=hidden): bots fill it in.
    website = forms.CharField(label=_("Lämna det här fältet tomt"), required=False)

    def __init__(self, target_object, *args, window, comment_settings, user=None, **kwargs):
        self.window = window
        self.comment_settings = comment_settings
        self.user = user
        super().__init__(target_object, *args, **kwargs)
        self.max_length = comment_settings.max_length
        self.fields["comment"].widget.attrs.update(
            {
                "maxlength": str(self.max_length),
                "data-comment-counter": "",
                "aria-describedby": "id_comment_helptext comment-counter",
            }
        )
        self.fields["comment"].help_text = _("Högst %(count)s tecken.") % {"count": self.max_length}
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if user is not None and user.is_authenticated:
            # Mail to a reader with an account follows their choices in Mitt konto (accounts.notifications).
            del self.fields["email"]
            del self.fields["notify"]
            self.fields["name"].initial = user.get_full_name() or ""
        else:
            self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "nickname"
        if comment_settings.reply_depth == 0:
            del self.fields["reply_to"]

    # contrib-comments answers in English; readers see only Swedish.
    def clean_security_hash(self):
        try:
            return super().clean_security_hash()
        except forms.ValidationError as error:
            raise forms.ValidationError(
                _("Formuläret kunde inte kontrolleras. Ladda om sidan och försök igen.")
            ) from error

    def clean_timestamp(self):
        ts = self.cleaned_data["timestamp"]
        if not (time.time() - FORM_LIFETIME_SECONDS <= ts <= time.time() + 300):
            raise forms.ValidationError(_("Formuläret är för gammalt. Ladda om sidan och försök igen."))
        return ts

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Lämna det här fältet tomt."))
        return ""

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Skriv ett namn."))
        return clean_display_name(name, user=self.user)

    def clean_comment(self):
        text = normalise_text(self.cleaned_data["comment"]).strip()
        if not text:
            raise forms.ValidationError(_("Skriv en kommentar."))
        length = js_length(text)
        if length > self.max_length:
            raise forms.ValidationError(
                _("Kommentaren är %(length)s tecken. Den får vara högst %(max)s tecken."),
                params={"length": length, "max": self.max_length},
            )
        lowered = text.lower()
        if any(word in lowered for word in self.comment_settings.disallowed_word_list()):
            raise forms.ValidationError(_("Kommentaren innehåller ord som inte är tillåtna här."))
        return text

    def clean_reply_to(self):
        parent_id = self.cleaned_data.get("reply_to")
        if not parent_id:
            return None
        page = self.target_object
        parent = (
            Comment.objects.select_related(None)
            .filter(
                pk=parent_id,
                content_type__app_label=page._meta.app_label,
                content_type__model=page._meta.model_name,
                object_pk=str(page.pk),
                status=CommentStatus.APPROVED,
            )
            .only("pk", "level", "thread_id")
            .first()
        )
        if parent is None:
            raise forms.ValidationError(_("Kommentaren du svarar på finns inte eller är inte publicerad."))
        if parent.level >= self.comment_settings.reply_depth:
            raise forms.ValidationError(_("Det går inte att svara på den här kommentaren."))
        return parent

    def security_failed(self):
        return any(f in self.errors for f in ("content_type", "object_pk", "timestamp", "security_hash", "website"))
