"""A1 cell references without importing openpyxl (its package import costs ≈ 0.3 s in every reader process and in
the CLI's start; reading uses python-calamine, openpyxl only writes the template and the annotated copies)."""

from __future__ import annotations

import re
from functools import lru_cache

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


@lru_cache(maxsize=512)
def get_column_letter(col: int) -> str:
    """1 → A, 27 → AA (as ``openpyxl.utils.get_column_letter``)."""
    if not 1 <= col <= 18278:
        raise ValueError(f"invalid column index {col}")
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def range_boundaries(ref: str) -> tuple[int, int, int, int]:
    """``"B2:C5"`` → (min_col, min_row, max_col, max_row) = (2, 2, 3, 5); a single cell gives its own box (as
    ``openpyxl.utils.range_boundaries`` for cell ranges). Whole rows or columns are refused with ValueError."""
    first, _, last = ref.partition(":")
    a, b = _CELL.match(first.strip()), _CELL.match((last or first).strip())
    if a is None or b is None:
        raise ValueError(f"{ref!r} is not a cell range")
    c1, r1, c2, r2 = column_index(a[1]), int(a[2]), column_index(b[1]), int(b[2])
    return min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)
