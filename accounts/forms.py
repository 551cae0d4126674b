"""Forms for reader accounts: the display name at sign-up and in Mitt konto, the choice of comment mail,
and account deletion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .display import set_display_name
from .models import NotificationChoices
from .names import MAX_LENGTH, clean_account_display_name


def display_name_field():
    return forms.CharField(
        label=_("Namn som visas"),
        max_length=MAX_LENGTH,
        help_text=_("Visas tillsammans med dina kommentarer. Du kan använda ett smeknamn."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up form asks beyond e-mail and password (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = display_name_field()

    def clean_display_name(self):
        return clean_account_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user):
        set_display_name(user, self.cleaned_data["display_name"])
        user.save(update_fields=["first_name", "last_name"])


class DisplayNameForm(forms.Form):
    display_name = display_name_field()

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_display_name(self):
        return clean_account_display_name(self.cleaned_data["display_name"], user=self.user)

    def save(self):
        set_display_name(self.user, self.cleaned_data["display_name"])
        self.user.save(update_fields=["first_name", "last_name"])


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Skriv ditt lösenord för att bekräfta att du vill ta bort kontot."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Lösenordet stämmer inte."), code="password_incorrect")
        return password


class NotificationChoicesForm(forms.ModelForm):
    """Which comment mail the reader wants (Mitt konto → Namn och e-post)."""

    prefix = "epost"

    class Meta:
        model = NotificationChoices
        fields = ["published", "refused", "reply"]
