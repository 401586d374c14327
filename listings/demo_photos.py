"""Photos for demo listings, drawn with Pillow: no downloads, no files in the repository.

Each top-level category has its colours and a simple picture of what it sells (a tractor,
a gear, a wheat ear, a brick wall...); a few variants per category differ in colour,
size and position. Every variant is drawn and encoded once; each listing then gets its
own copies of one to three of them, so that deleting one listing's photos (which deletes
their files) never touches another's. 500 listings take about a second.
"""

from __future__ import annotations

import io
import math
import random
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from listings.models import ListingImage, listing_image_path

WIDTH, HEIGHT = 800, 600
THUMB_WIDTH, THUMB_HEIGHT = 480, 360
VARIANTS = 4

# Top-level category slug → background, picture, detail colours.
PALETTES = {
    "agricultural-machinery": ("#dfeee4", "#2e7d32", "#263238"),
    "spare-parts": ("#e8eaf0", "#455a64", "#ff8f00"),
    "seeds": ("#f6efd9", "#8d6e00", "#558b2f"),
    "fertilisers-agrochemicals": ("#e6f1f7", "#1565c0", "#f9a825"),
    "livestock-feed": ("#eef4e1", "#6d4c41", "#fafafa"),
    "grain-produce": ("#fbf1d4", "#c48a00", "#6d4c00"),
    "mining-oil-gas": ("#ece7e2", "#37474f", "#e65100"),
    "metal": ("#e9ecef", "#546e7a", "#90a4ae"),
    "building-materials": ("#f4e6df", "#b0472c", "#efe4dc"),
    "pumps-compressors": ("#e3f1f3", "#00838f", "#37474f"),
    "electrical": ("#fdf6d8", "#f9a825", "#37474f"),
    "trucks-special-vehicles": ("#fff1dc", "#ef6c00", "#263238"),
    "services": ("#ece9f6", "#5e35b1", "#ffb300"),
}
DEFAULT_PALETTE = ("#eef1ef", "#1f5f4a", "#f2c14e")


def _wheel(d, x, y, r, colour):
    d.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    d.ellipse([x - r * 0.45, y - r * 0.45, x + r * 0.45, y + r * 0.45], fill="#9e9e9e")


def _tractor(d, s, main, detail):
    d.rectangle([-150 * s, -40 * s, 90 * s, 60 * s], fill=main)
    d.rectangle([-20 * s, -150 * s, 90 * s, -40 * s], outline=main, width=int(14 * s))
    d.rectangle([90 * s, 0, 170 * s, 40 * s], fill=main)
    _wheel(d, -80 * s, 90 * s, 80 * s, detail)
    _wheel(d, 140 * s, 110 * s, 55 * s, detail)


def _truck(d, s, main, detail):
    d.rectangle([-200 * s, -110 * s, 70 * s, 70 * s], fill=main)
    d.polygon([(80 * s, -70 * s), (160 * s, -70 * s), (200 * s, 0), (200 * s, 70 * s),
               (80 * s, 70 * s)], fill=detail)  # fmt: skip
    for x in (-140, -50, 140):
        _wheel(d, x * s, 95 * s, 38 * s, detail)


def _gear(d, s, main, detail):
    radii = [170 if i % 2 else 135 for i in range(24)]
    angles = [i * math.pi / 12 for i in range(24)]
    teeth = [(math.cos(a) * r * s, math.sin(a) * r * s) for a, r in zip(angles, radii, strict=True)]
    d.polygon(teeth, fill=main)
    d.ellipse([-60 * s, -60 * s, 60 * s, 60 * s], fill=detail)


def _seeds(d, s, main, detail):
    for i in range(9):
        x, y = (i % 3 - 1) * 90 * s, (i // 3 - 1) * 90 * s
        d.ellipse([x - 30 * s, y - 45 * s, x + 30 * s, y + 45 * s], fill=main if i % 2 else detail)


def _ear(d, s, main, detail):
    d.line([(0, 190 * s), (0, -170 * s)], fill=detail, width=int(12 * s))
    for i in range(7):
        y = (-150 + i * 45) * s
        for side in (-1, 1):
            d.ellipse([side * 10 * s - 35 * s + side * 25 * s, y - 22 * s,
                       side * 10 * s + 35 * s + side * 25 * s, y + 22 * s], fill=main)  # fmt: skip


def _bag(d, s, main, detail):
    d.rounded_rectangle([-120 * s, -160 * s, 120 * s, 170 * s], radius=int(40 * s), fill=main)
    d.rectangle([-120 * s, -30 * s, 120 * s, 40 * s], fill=detail)


def _sheep(d, s, main, detail):
    for x, y in ((-80, -10), (0, -40), (80, -10), (-40, 40), (40, 40), (0, 0)):
        d.ellipse([(x - 70) * s, (y - 60) * s, (x + 70) * s, (y + 60) * s], fill=detail)
    d.ellipse([120 * s, -60 * s, 210 * s, 20 * s], fill=main)
    for x in (-70, 60):
        d.rectangle([x * s, 80 * s, (x + 20) * s, 170 * s], fill=main)


def _derrick(d, s, main, detail):
    d.polygon([(-130 * s, 180 * s), (0, -190 * s), (130 * s, 180 * s)], outline=main,
              width=int(14 * s))  # fmt: skip
    for y in (-60, 40, 120):
        half = (y + 190) * 130 / 370
        d.line([(-half * s, y * s), (half * s, y * s)], fill=main, width=int(10 * s))
    d.rectangle([-30 * s, -210 * s, 30 * s, -170 * s], fill=detail)


def _bars(d, s, main, detail):
    for i in range(6):
        y = (-150 + i * 60) * s
        d.rounded_rectangle([-220 * s, y, 220 * s, y + 36 * s], radius=int(18 * s),
                            fill=main if i % 2 else detail)  # fmt: skip


def _bricks(d, s, main, detail):
    for row in range(6):
        for col in range(-3, 3):
            x = (col * 110 + (55 if row % 2 else 0)) * s
            y = (-170 + row * 58) * s
            d.rectangle([x, y, x + 100 * s, y + 50 * s], fill=main, outline=detail, width=3)


def _pump(d, s, main, detail):
    d.rectangle([-220 * s, -30 * s, 220 * s, 30 * s], fill=detail)
    d.ellipse([-110 * s, -110 * s, 110 * s, 110 * s], fill=main)
    d.rectangle([-40 * s, -190 * s, 40 * s, -100 * s], fill=detail)


def _bolt(d, s, main, detail):
    d.polygon([(30 * s, -200 * s), (-110 * s, 20 * s), (-10 * s, 20 * s), (-40 * s, 200 * s),
               (110 * s, -30 * s), (10 * s, -30 * s)], fill=main, outline=detail)  # fmt: skip


PICTURES = {
    "agricultural-machinery": _tractor, "spare-parts": _gear, "seeds": _seeds,
    "fertilisers-agrochemicals": _bag, "livestock-feed": _sheep, "grain-produce": _ear,
    "mining-oil-gas": _derrick, "metal": _bars, "building-materials": _bricks,
    "pumps-compressors": _pump, "electrical": _bolt, "trucks-special-vehicles": _truck,
    "services": _gear,
}  # fmt: skip


class _Shifted:
    """An ImageDraw whose coordinates are relative to a centre (the pictures are drawn so)."""

    def __init__(self, draw, cx, cy):
        self._draw, self._cx, self._cy = draw, cx, cy

    def _xy(self, xy):
        if len(xy) == 4 and not isinstance(xy[0], tuple):
            x0, y0, x1, y1 = xy
            return [self._cx + x0, self._cy + y0, self._cx + x1, self._cy + y1]
        return [(self._cx + x, self._cy + y) for x, y in xy]

    def __getattr__(self, name):
        method = getattr(self._draw, name)
        return lambda xy, *args, **kwargs: method(self._xy(xy), *args, **kwargs)


def draw_photo(section: str, variant: int) -> Image.Image:
    """Return the picture of a category section; `variant` moves, scales and tints it."""
    background, main, detail = PALETTES.get(section, DEFAULT_PALETTE)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    # A band of light and the ground, so the picture reads as a photo of a thing.
    draw.rectangle([0, HEIGHT * 0.72, WIDTH, HEIGHT], fill=_mix(background, detail, 0.12))
    draw.ellipse([WIDTH * 0.6, -HEIGHT * 0.3, WIDTH * 1.3, HEIGHT * 0.5],
                 fill=_mix(background, "#ffffff", 0.5))  # fmt: skip
    scale = (1.3, 1.05, 1.45, 1.15)[variant % 4]
    cx = WIDTH / 2 + (-90, 60, 0, 110)[variant % 4]
    cy = HEIGHT / 2 + (10, -20, 20, 0)[variant % 4]
    tint = _mix(main, ("#000000", "#ffffff", main, "#000000")[variant % 4], 0.18)
    PICTURES.get(section, _gear)(_Shifted(draw, cx, cy), scale, tint, detail)
    return image


def _mix(a: str, b: str, share: float) -> str:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(ca, cb, strict=True))


@dataclass(frozen=True)
class _Encoded:
    image: bytes
    thumbnail: bytes


def _encode(image: Image.Image, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    image.resize(size, Image.Resampling.BILINEAR).save(buffer, format="WEBP", quality=80)
    return buffer.getvalue()


def seed_photos(rng: random.Random, listings) -> int:
    """Give each listing (with its category and parent loaded) one to three photos."""
    encoded: dict[tuple[str, int], _Encoded] = {}
    rows = []
    for listing in listings:
        section = listing.category.parent.slug if listing.category.parent_id else ""
        for position, variant in enumerate(rng.sample(range(VARIANTS), rng.randint(1, 3)), 1):
            key = (section, variant)
            if key not in encoded:
                picture = draw_photo(section, variant)
                encoded[key] = _Encoded(
                    _encode(picture, (WIDTH, HEIGHT)), _encode(picture, (THUMB_WIDTH, THUMB_HEIGHT))
                )
            row = ListingImage(listing=listing, width=WIDTH, height=HEIGHT, position=position)
            stem = uuid.uuid4().hex
            row.image.name = default_storage.save(
                listing_image_path(row, f"{stem}.webp"), ContentFile(encoded[key].image)
            )
            row.thumbnail.name = default_storage.save(
                listing_image_path(row, f"{stem}-thumb.webp"), ContentFile(encoded[key].thumbnail)
            )
            rows.append(row)
    ListingImage.objects.bulk_create(rows, batch_size=500)
    return len(rows)
