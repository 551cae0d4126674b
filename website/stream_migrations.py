"""StreamField data operations that the apps' migrations use (Wagtail's MigrateStreamData).

Kept here, not in a migration, so every app's migration applies the same one.
"""

import json
import uuid

from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.operations import BaseBlockOperation


@deconstructible
class NestAltTextInImageBlock(BaseBlockOperation):
    """The image block's `image`, `alt_text` and `decorative` become one Wagtail `ImageBlock` value.

    Before: {"image": 7, "alt_text": "…", "decorative": false, "caption": "…", "credit": "…"}
    After:  {"image": {"image": 7, "alt_text": "…", "decorative": false}, "caption": "…", "credit": "…"}
    A value already in the new shape is left as it is, so running it twice changes nothing.
    """

    def apply(self, block_value):
        if not isinstance(block_value, dict) or isinstance(block_value.get("image"), dict):
            return block_value
        decorative = bool(block_value.get("decorative"))
        return {
            "image": {
                "image": block_value.get("image"),
                "alt_text": "" if decorative else (block_value.get("alt_text") or ""),
                "decorative": decorative,
            },
            "caption": block_value.get("caption") or "",
            "credit": block_value.get("credit") or "",
        }

    @property
    def operation_name_fragment(self):
        return "nest_alt_text_in_image_block"


class ImageFieldsIntoStream:
    """RunPython operations that move a page's picture fields (a foreign key to the image, its alt text
    and its "decorative" box) into a StreamField of one Wagtail `ImageBlock`, and back.

    Pages and their revisions both move, so a draft saved before the migration keeps its picture. Alt
    text left blank takes the image's description, the rule the admin applies (website.alt_text).
    Run it between adding the StreamField and removing the old fields.
    """

    def __init__(self, app_label, model_name, stream, image, alt_text, decorative, block_name="image"):
        self.app_label, self.model_name = app_label, model_name
        self.stream, self.image, self.alt_text, self.decorative = stream, image, alt_text, decorative
        self.block_name = block_name

    def _stream_value(self, image_id, alt_text, decorative, descriptions):
        if not image_id:
            return []
        decorative = bool(decorative)
        alt_text = "" if decorative else ((alt_text or "").strip() or descriptions.get(image_id, "").strip())
        value = {"image": image_id, "alt_text": alt_text, "decorative": decorative}
        return [{"type": self.block_name, "value": value, "id": str(uuid.uuid4())}]

    @staticmethod
    def _fields_from_stream(raw):
        for item in raw or []:
            value = item.get("value")
            if isinstance(value, dict):
                return value.get("image"), value.get("alt_text") or "", bool(value.get("decorative"))
            return value, "", False
        return None, "", False

    def _revisions(self, apps):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("wagtailcore", "Revision")
        content_type = ContentType.objects.filter(app_label=self.app_label, model=self.model_name).first()
        if content_type is None:
            return Revision.objects.none()
        return Revision.objects.filter(content_type=content_type)

    def _descriptions(self, apps, ids):
        Image = apps.get_model("wagtailimages", "Image")
        return dict(Image.objects.filter(pk__in=ids).values_list("pk", "description"))

    def forward(self, apps, schema_editor):
        Model = apps.get_model(self.app_label, self.model_name)
        image_id = f"{self.image}_id"
        pages = list(Model.objects.exclude(**{f"{image_id}__isnull": True}))
        revisions = [r for r in self._revisions(apps).iterator() if r.content.get(self.image)]
        descriptions = self._descriptions(
            apps, {getattr(p, image_id) for p in pages} | {r.content[self.image] for r in revisions}
        )
        for page in pages:
            raw = self._stream_value(
                getattr(page, image_id), getattr(page, self.alt_text), getattr(page, self.decorative), descriptions
            )
            Model.objects.filter(pk=page.pk).update(**{self.stream: raw})
        for revision in revisions:
            content = revision.content
            raw = self._stream_value(
                content.pop(self.image),
                content.pop(self.alt_text, ""),
                content.pop(self.decorative, False),
                descriptions,
            )
            content[self.stream] = json.dumps(raw)
            revision.save(update_fields=["content"])

    def backward(self, apps, schema_editor):
        Model = apps.get_model(self.app_label, self.model_name)
        for page in Model.objects.all():
            image, alt_text, decorative = self._fields_from_stream(list(getattr(page, self.stream).raw_data))
            Model.objects.filter(pk=page.pk).update(
                **{f"{self.image}_id": image, self.alt_text: alt_text, self.decorative: decorative}
            )
        for revision in self._revisions(apps).iterator():
            raw = revision.content.pop(self.stream, None)
            if raw is None:
                continue
            image, alt_text, decorative = self._fields_from_stream(json.loads(raw) if isinstance(raw, str) else raw)
            revision.content.update({self.image: image, self.alt_text: alt_text, self.decorative: decorative})
            revision.save(update_fields=["content"])
