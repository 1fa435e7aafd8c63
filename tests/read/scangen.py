"""A scanned notice built here: text rendered with a CJK font by Pillow, saved as an image-only PDF or image."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FONT_NAMES = ("NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "wqy-zenhei.ttc",
              "wqy-microhei.ttc")
NOTICE = [  # a red-header notice: 发文机关标志, 发文字号, title, 主送, body, signature, date
    ("山西省卫生厅办公室文件", "center"),
    ("晋卫办医政〔2013〕84号", "center"),
    ("关于开展城乡医院对口支援义诊活动的通知", "center"),
    ("各市卫生局：", "left"),
    ("为贯彻落实医改要求，决定开展义诊活动。", "left"),
    ("每所医院每年义诊不少于2000人次。", "left"),
    ("请于2013年10月31日前报送总结。", "left"),
    ("山西省卫生厅办公室", "right"),
    ("2013年9月28日", "right"),
]


def cjk_font() -> Path:
    """A CJK font on this machine, or a skip saying why (.ci/run installs fonts-noto-cjk)."""
    for base in FONT_DIRS:
        for name in FONT_NAMES:
            found = next(base.rglob(name), None) if base.is_dir() else None
            if found:
                return found
    pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")


def page_image(lines=NOTICE, size=(1240, 1754), font_px=34):
    """One A4 page at 150 dpi with `lines` (text, alignment) drawn top to bottom."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(cjk_font()), font_px)
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    y = 160
    for text, align in lines:
        width = draw.textlength(text, font=font)
        x = {"center": (size[0] - width) / 2, "right": size[0] - 150 - width}.get(align, 150)
        draw.text((x, y), text, font=font, fill=0)
        y += int(font_px * 2.2)
    return image


def scanned_pdf(pages: int = 1) -> bytes:
    """An image-only PDF (no text layer) of `pages` copies of the notice page."""
    images = [page_image() for _ in range(pages)]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return buf.getvalue()


def scanned_png() -> bytes:
    buf = io.BytesIO()
    page_image().save(buf, "PNG")
    return buf.getvalue()
