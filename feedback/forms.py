from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_TEXT_LENGTH

# Larger ids cannot exist, and some databases fail rather than find nothing.
MAX_ID = 2**31 - 1


class FeedbackForm(forms.Form):
    """What the "Var sidan till hjälp?" form posts. Field names are Swedish: they show in the address bar's history."""

    sida = forms.IntegerField(min_value=1, max_value=MAX_ID)
    svar = forms.ChoiceField(
        choices=[("ja", _("Ja")), ("nej", _("Nej"))],
        error_messages={
            "required": _("Välj Ja eller Nej."),
            "invalid_choice": _("Välj Ja eller Nej."),
        },
    )
    text = forms.CharField(
        required=False,
        max_length=MAX_TEXT_LENGTH,
        strip=True,
        error_messages={
            "max_length": _("Skriv högst %(limit_value)d tecken (du skrev %(show_value)d)."),
        },
    )

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n").replace("\x00", "")
        return text

    def clean(self):
        data = super().clean()
        if data.get("svar") == "ja":
            data["text"] = ""  # "Ja" carries no text field; ignore anything sent with it
        return data
