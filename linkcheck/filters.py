import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from .models import BrokenLink


class BrokenLinkFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Typ"), choices=BrokenLink.Kind.choices, empty_label=_("Alla"))
    url = django_filters.CharFilter(label=_("Adressen innehåller"), lookup_expr="icontains")

    class Meta:
        model = BrokenLink
        fields = ["kind", "url"]
