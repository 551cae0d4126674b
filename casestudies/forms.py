"""The case study's admin form: municipalities grouped under their county."""

from collections import defaultdict

from wagtail.admin.forms import WagtailAdminPageForm


class CaseStudyPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("municipality")
        if field is None:
            return
        # 290 names in one list hide which county each belongs to; optgroups show it. The queryset
        # still validates the choice, so grouping changes only what the editor sees.
        from .models import swedish_sort_key

        by_county = defaultdict(list)
        for municipality in field.queryset.select_related("county"):
            by_county[municipality.county.name].append((municipality.pk, municipality.name))
        field.choices = [("", field.empty_label or "")] + [
            (county, sorted(options, key=lambda option: swedish_sort_key(option[1])))
            for county, options in sorted(by_county.items(), key=lambda item: swedish_sort_key(item[0]))
        ]
