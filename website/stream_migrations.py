"""StreamField data operations that the apps' migrations use (Wagtail's MigrateStreamData).

Kept here, not in a migration, so every app's migration applies the same one.
"""

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
