"""Shared helpers for the demo-content loaders that each app keeps in its `demo.py`.

Pictures are drawn here with Pillow, so the demo needs no download and no network.
"""

import io
import math
from dataclasses import dataclass, field

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

PALETTE = {
    "sky": (214, 234, 226),
    "field": (120, 168, 96),
    "forest": (29, 91, 58),
    "sun": (242, 193, 78),
    "ink": (27, 31, 29),
    "red": (192, 57, 43),
    "blue": (41, 98, 155),
    "skin": (224, 172, 130),
    "paper": (250, 248, 242),
}


@dataclass
class DemoContext:
    """What one loader hands to the next: the site, its home page, and a log of what changed."""

    site: Site
    home: Page
    stdout: object = None
    created: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def log(self, message):
        self.created.append(message)
        if self.stdout is not None:
            self.stdout.write(f"  {message}")


def get_or_create_child(parent, model, slug, **fields):
    """The live child of `parent` with this slug, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _draw_landscape(draw, width, height):
    draw.rectangle([0, 0, width, height], fill=PALETTE["sky"])
    draw.ellipse([width * 0.75, height * 0.08, width * 0.9, height * 0.08 + width * 0.15], fill=PALETTE["sun"])
    draw.polygon(
        [
            (0, height * 0.65),
            (width * 0.35, height * 0.45),
            (width * 0.7, height * 0.62),
            (width, height * 0.5),
            (width, height),
            (0, height),
        ],
        fill=PALETTE["field"],
    )


def _draw_wheel(draw, cx, cy, radius, colour):
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=colour, width=max(4, radius // 12))
    for spoke in range(12):
        angle = spoke * math.pi / 6
        draw.line([cx, cy, cx + radius * math.cos(angle), cy + radius * math.sin(angle)], fill=colour, width=2)
    draw.ellipse([cx - radius // 8, cy - radius // 8, cx + radius // 8, cy + radius // 8], fill=colour)


def _draw_person(draw, x, ground, scale, shirt):
    head = 18 * scale
    draw.ellipse([x - head, ground - 150 * scale - head, x + head, ground - 150 * scale + head], fill=PALETTE["skin"])
    draw.rounded_rectangle([x - 28 * scale, ground - 130 * scale, x + 28 * scale, ground - 55 * scale], 10, fill=shirt)
    draw.rectangle([x - 24 * scale, ground - 55 * scale, x + 24 * scale, ground], fill=PALETTE["ink"])


def draw_bicycle_repair(width=1600, height=900):
    """Two people repairing bicycles, a wheel in the centre: the hero of the modelled post."""
    image = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    _draw_landscape(draw, width, height)
    ground = int(height * 0.88)
    _draw_wheel(draw, width // 2, int(height * 0.6), int(height * 0.22), PALETTE["ink"])
    _draw_person(draw, int(width * 0.3), ground, 2.6, PALETTE["red"])
    _draw_person(draw, int(width * 0.7), ground, 2.5, PALETTE["blue"])
    draw.line([width * 0.3 + 60, height * 0.6, width / 2 - 40, height * 0.6], fill=PALETTE["ink"], width=8)
    draw.line([width * 0.7 - 60, height * 0.55, width / 2 + 40, height * 0.5], fill=PALETTE["ink"], width=8)
    return image


def draw_scene(seed, width=1600, height=900):
    """A simple rural landscape whose houses and trees vary with `seed`."""
    image = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    _draw_landscape(draw, width, height)
    for index in range(3 + seed % 4):
        x = (index + 1) * width // (5 + seed % 3) + (seed * 37) % 90
        base = int(height * 0.72) + (index * 23 + seed * 11) % 60
        colour = PALETTE["red"] if (index + seed) % 2 else PALETTE["paper"]
        draw.rectangle([x, base - 110, x + 160, base], fill=colour)
        draw.polygon([(x - 15, base - 110), (x + 80, base - 180), (x + 175, base - 110)], fill=PALETTE["ink"])
        draw.rectangle([x + 60, base - 60, x + 100, base], fill=PALETTE["ink"])
    for index in range(6 + seed % 5):
        x = (index * 173 + seed * 59) % width
        base = int(height * 0.62) + (index * 31) % 40
        draw.polygon([(x, base - 160), (x - 55, base), (x + 55, base)], fill=PALETTE["forest"])
    return image


def draw_portrait(initials_seed, size=480):
    """An illustrated portrait: a face and shoulders on a coloured ground."""
    colours = [PALETTE["forest"], PALETTE["blue"], PALETTE["red"], PALETTE["sun"]]
    image = PILImage.new("RGB", (size, size), colours[initials_seed % len(colours)])
    draw = ImageDraw.Draw(image)
    draw.ellipse([size * 0.3, size * 0.18, size * 0.7, size * 0.58], fill=PALETTE["skin"])
    draw.pieslice([size * 0.12, size * 0.62, size * 0.88, size * 1.3], 180, 360, fill=PALETTE["paper"])
    draw.arc([size * 0.3, size * 0.1, size * 0.7, size * 0.45], 180, 360, fill=PALETTE["ink"], width=int(size * 0.06))
    return image


# Drawing and encoding dominate the loader's time; tests load the demo many times per process.
_drawn = {}


def get_or_create_image(title, painter, *args, description="", **kwargs):
    """A Wagtail image with this title, drawn by `painter` the first time. Its `description` is what
    the image blocks and the hero take as alt text when an editor leaves theirs blank."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    if title not in _drawn:
        encoded = io.BytesIO()
        painter(*args, **kwargs).save(encoded, format="PNG")
        _drawn[title] = encoded.getvalue()
    buffer = io.BytesIO(_drawn[title])
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60].strip("-")
    image = Image(title=title, description=description)
    image.file = ImageFile(buffer, name=f"{slug}.png")
    image.save()
    return image


# The editorial accounts: a Redaktör writes and submits, a Publicist reviews and publishes.
DEMO_EDITORIAL_ACCOUNTS = [
    ("redaktor", "redaktor@example.se", "redaktor", "Redaktörer"),
    ("publicist", "publicist@example.se", "publicist", "Publicister"),
]


def load_editorial_accounts(context):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    for username, email, password, group_name in DEMO_EDITORIAL_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, email=email, password=password)
            context.log(f"demo account {username} ({group_name})")
        user.groups.add(Group.objects.get(name=group_name))
    if context.stdout is not None:
        context.stdout.write("  Redaktör:  redaktor / redaktor  (writes and submits for review, at /admin/)")
        context.stdout.write("  Publicist: publicist / publicist  (reviews and publishes, at /admin/)")
