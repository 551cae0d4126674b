from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page

from .models import Comment


@receiver(post_delete)
def delete_comments_of_deleted_page(sender, instance, **kwargs):
    """A deleted page takes its comments with it (Wagtail deletes the base Page row of every page type)."""
    if sender is Page:
        Comment.objects.filter(object_pk=str(instance.pk), content_type_id__in=_page_content_type_ids()).delete()


def _page_content_type_ids():
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    models = [model for model in apps.get_models() if issubclass(model, Page)]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
