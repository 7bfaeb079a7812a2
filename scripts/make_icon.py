"""Draw SheetDesk's icon: resources/icons/sheetdesk.png (256 px) and sheetdesk.ico (16–256 px, for Windows).

    .venv/bin/python scripts/make_icon.py

A sheet of paper with a ruled table and a tick: the app's one job, drawn with
Pillow (reportlab's dependency) rather than by hand, so that the files can be
made again. Each size of the .ico is drawn at that size, not scaled down from
256 px, so the 16 px one stays crisp. The files are committed; the window
(QApplication.setWindowIcon), the PyInstaller spec and the Windows setup use them.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE, LIGHT, GREEN, PAPER, RULE = "#1f5fa8", "#dbe7f5", "#2e8b3e", "#ffffff", "#8aa6c8"


def draw(size: int) -> Image.Image:
    """The icon at ``size`` pixels, drawn on a 256-unit grid."""
    scale = 4 if size < 64 else 2  # drawn larger, then reduced: smooth edges at every size
    px = size * scale
    u = px / 256
    img = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8 * u, 8 * u, 248 * u, 248 * u), radius=36 * u, fill=BLUE)
    d.rectangle((48 * u, 36 * u, 208 * u, 220 * u), fill=PAPER)  # the sheet
    d.rectangle((48 * u, 36 * u, 208 * u, 76 * u), fill=LIGHT)  # its heading row
    line = max(1, round(5 * u)) if size >= 32 else max(1, round(9 * u))
    rows = (76, 112, 148, 184) if size >= 32 else (76, 130)
    for y in rows:
        d.line((48 * u, y * u, 208 * u, y * u), fill=RULE, width=line)
    if size >= 32:
        d.line((104 * u, 76 * u, 104 * u, 220 * u), fill=RULE, width=line)  # the label column
    d.rectangle((48 * u, 36 * u, 208 * u, 220 * u), outline=BLUE, width=max(1, round(6 * u)))
    d.line(((112 * u, 160 * u), (148 * u, 196 * u), (220 * u, 112 * u)), fill=GREEN,
           width=max(2, round(24 * u)), joint="curve")  # the tick
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    images = [draw(s) for s in SIZES]
    images[-1].save(ICONS / "sheetdesk.png")
    images[-1].save(ICONS / "sheetdesk.ico", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    print(f"wrote {ICONS / 'sheetdesk.png'} and {ICONS / 'sheetdesk.ico'} ({', '.join(map(str, SIZES))} px)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
