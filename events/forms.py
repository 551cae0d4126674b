"""The calendar's filter form: plain GET parameters, so it works without JavaScript and can be linked to."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EventPage, Organiser, organised_by


class EventFilterForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Mötesform"),
        required=False,
        choices=[("", _("Alla former"))] + list(EventPage.Format.choices),
        error_messages={"invalid_choice": _("Välj digitalt, på plats eller hybrid.")},
    )
    arrangor = forms.ModelChoiceField(
        label=_("Arrangör"),
        required=False,
        queryset=Organiser.objects.none(),
        to_field_name="slug",
        empty_label=_("Alla arrangörer"),
        error_messages={"invalid_choice": _("Det finns ingen sådan arrangör i kalendern.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arrangor"].queryset = Organiser.with_events()

    def filter(self, events):
        event_format = self.cleaned_data.get("format")
        organiser = self.cleaned_data.get("arrangor")
        if event_format:
            events = events.filter(format=event_format)
        if organiser is not None:
            events = events.filter(organised_by(organiser))
        return events

    def query_string(self):
        """The active filters as a query string, for pagination and the upcoming/past links."""
        if not self.is_bound or not self.is_valid():
            return ""
        params = {}
        if self.cleaned_data.get("format"):
            params["format"] = self.cleaned_data["format"]
        if self.cleaned_data.get("arrangor") is not None:
            params["arrangor"] = self.cleaned_data["arrangor"].slug
        return urlencode(params)
