"""The visible seal: a red round 电子印章-style image drawn with ReportLab vector graphics (no bitmap, no PIL).

Drawn as a one-page PDF (circle, the issuing authority's name along the upper arc, a five-pointed star, and the
seal's purpose along the bottom) so pyHanko can import it as the signature appearance's background. The default
commission's seal ships in ``resources/seal/``; another commission's is generated once into ``$REVIEWER_HOME/seal/``.
It is an image of a seal, not a seal: the legal force is the cryptographic signature it sits on.
"""

from __future__ import annotations

import hashlib
import io
import math
from pathlib import Path

from reviewer.pdf.fonts import HEI, SONG, register_fonts
from reviewer.paths import data_dir, home

MM = 72 / 25.4
DIAMETER = 42 * MM
SEAL_RED = (0.84, 0.0, 0.0)
PURPOSE = "节能审查专用章"


def draw_seal_on(c, cx: float, cy: float, commission: str, purpose: str = PURPOSE) -> None:  # noqa: ANN001
    """Draw the seal centred at (cx, cy) on a ReportLab canvas ``c``."""
    register_fonts()
    r = DIAMETER / 2
    c.saveState()
    c.translate(cx, cy)
    c.setStrokeColorRGB(*SEAL_RED)
    c.setFillColorRGB(*SEAL_RED)
    c.setLineWidth(1.4 * MM)
    c.circle(0, 0, r - 0.9 * MM, stroke=1, fill=0)
    # five-pointed star in the centre
    star_r, inner = 6.2 * MM, 6.2 * MM * 0.382
    pts = []
    for i in range(10):
        ang = math.pi / 2 + i * math.pi / 5
        rr = star_r if i % 2 == 0 else inner
        pts.append((rr * math.cos(ang), rr * math.sin(ang)))
    p = c.beginPath()
    p.moveTo(*pts[0])
    for pt in pts[1:]:
        p.lineTo(*pt)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    # the authority's name along the upper arc, letters upright towards the centre
    name = commission.strip() or "审查机关"
    size = 3.8 * MM if len(name) <= 14 else max(2.8 * MM, 3.8 * MM * 14 / len(name))
    radius = r - 2.1 * MM - size
    span = min(math.radians(230), (len(name) - 1) * size * 1.12 / radius)
    start = math.pi / 2 + span / 2
    step = span / max(len(name) - 1, 1)
    for i, ch in enumerate(name):
        ang = start - i * step
        c.saveState()
        c.translate(radius * math.cos(ang), radius * math.sin(ang))
        c.rotate(math.degrees(ang) - 90)
        c.setFont(SONG, size)
        c.drawCentredString(0, 0, ch)
        c.restoreState()
    # the purpose, straight, below the star
    c.setFont(HEI, 3.4 * MM)
    c.drawCentredString(0, -13.0 * MM, purpose)
    c.restoreState()


def draw_seal(commission: str, purpose: str = PURPOSE) -> bytes:
    """PDF bytes of a seal for ``commission`` (one page, DIAMETER × DIAMETER, transparent background)."""
    from reportlab.pdfgen import canvas

    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(DIAMETER, DIAMETER), initialFontName=SONG, invariant=True)
    c.setTitle("电子印章 seal")
    draw_seal_on(c, DIAMETER / 2, DIAMETER / 2, commission, purpose)
    c.showPage()
    c.save()
    return buf.getvalue()


def seal_file(commission: str) -> Path:
    """Path of the seal PDF for ``commission``: the shipped one, or one generated once under REVIEWER_HOME."""
    digest = hashlib.sha256(commission.encode()).hexdigest()[:16]
    shipped = data_dir("resources") / "seal" / f"seal-{digest}.pdf"
    if shipped.exists():
        return shipped
    folder = home() / "seal"
    folder.mkdir(exist_ok=True, mode=0o700)
    path = folder / f"seal-{digest}.pdf"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(draw_seal(commission))
        tmp.replace(path)
    return path


def write_default_seal() -> Path:
    """Regenerate the shipped seal of the default commission (run by the developer; output is committed)."""
    from reviewer.settings import Settings

    commission = Settings().commission_name
    digest = hashlib.sha256(commission.encode()).hexdigest()[:16]
    path = data_dir("resources") / "seal" / f"seal-{digest}.pdf"
    path.write_bytes(draw_seal(commission))
    return path


if __name__ == "__main__":  # pragma: no cover
    print(write_default_seal())
