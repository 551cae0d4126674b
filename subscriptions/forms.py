from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.utils.translation import gettext_lazy as _

from . import alerts
from .models import Subscription

MAX_TOPICS = 50


class BoundedMultipleChoiceField(forms.MultipleChoiceField):
    """A multiple choice that refuses more values than there could be, before checking each one."""

    def __init__(self, *args, max_choices, **kwargs):
        self.max_choices = max_choices
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        values = super().to_python(value)
        if len(values) > self.max_choices:
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")
        return values


class SubscriptionForm(forms.Form):
    email = forms.EmailField(
        label=_("Din e-postadress"),
        max_length=254,
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv en giltig e-postadress, till exempel namn@exempel.se."),
            "max_length": _("E-postadressen är för lång."),
        },
    )
    content_types = forms.MultipleChoiceField(
        label=_("Vad vill du få veta om?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Välj minst en sorts innehåll."),
            "invalid_choice": _("Välj bland innehållen i listan."),
        },
    )
    topics = BoundedMultipleChoiceField(
        label=_("Ämnen (valfritt)"),
        required=False,
        max_choices=MAX_TOPICS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Välj inga ämnen för att få allt."),
        error_messages={
            "invalid_choice": _("Det finns inget ämne som heter ”%(value)s”."),
            "too_many": _("Välj högst %(max)s ämnen.") % {"max": MAX_TOPICS},
        },
    )
    counties = BoundedMultipleChoiceField(
        label=_("Län (valfritt, gäller goda exempel)"),
        required=False,
        max_choices=21,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Välj inga län för att få exempel från hela landet."),
        error_messages={
            "invalid_choice": _("Det finns inget län med koden ”%(value)s”."),
            "too_many": _("Välj högst 21 län."),
        },
    )
    frequency = forms.ChoiceField(
        label=_("Hur ofta?"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj hur ofta du vill få e-post."),
            "invalid_choice": _("Välj direkt eller en gång i veckan."),
        },
    )

    def __init__(self, *args, with_email=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_types"].choices = [
            (key, config["label"]) for key, config in alerts.content_types().items()
        ]
        self.fields["topics"].choices = alerts.topic_choices()
        self.fields["counties"].choices = alerts.county_choices()
        if not with_email:
            del self.fields["email"]

    def clean_email(self):
        # The domain is case-insensitive; the local part is the mail server's business.
        return BaseUserManager.normalize_email(self.cleaned_data["email"])

    def choices(self):
        return {name: self.cleaned_data[name] for name in ("content_types", "topics", "counties", "frequency")}
