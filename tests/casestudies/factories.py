import factory
import wagtail_factories

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, County, Municipality


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "Goda exempel"
    slug = "exempel"
    lead = "Exempel från hela landet."
    show_in_menus = True


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    """A case study; `county="23"` and `municipality="2309"` take codes, `tag_names=[...]` adds themes."""

    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Gott exempel {n}")
    lead = "En ingress om exemplet."
    organisation_name = "Exempelbygdens kommun"
    organisation_type = "kommun"

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        tag_names = kwargs.pop("tag_names", None) or []
        county = kwargs.pop("county", "23")
        municipality = kwargs.pop("municipality", None)
        kwargs["county"] = County.objects.get(code=county) if isinstance(county, str) else county
        if isinstance(municipality, str):
            kwargs["municipality"] = Municipality.objects.get(code=municipality)
        elif municipality is not None:
            kwargs["municipality"] = municipality
        instance = model_class(**kwargs)
        if tag_names:
            instance.tags.add(*tag_names)
        parent.add_child(instance=instance)
        return instance
