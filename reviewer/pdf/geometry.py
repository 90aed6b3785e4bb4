"""Page geometry shared by the renderer (which places the signature slot) and the signer (which stamps it)."""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4
SEAL_DIAMETER = 42 * MM  # official round seals are 40–45 mm; the stamp box is sized from this


@dataclass
class SignatureSlot:
    """Where the seal belongs: page index (0-based) and the centre of 署名/成文日期, in PDF points."""

    page: int
    x: float
    y: float
