"""The 节能报告's structure check (令第31号 第十二条第一款: seven parts) and its stated 年综合能源消费量.

Headings are read from a PDF (pypdf: the outline if the file has one, else text lines that look like headings —
"第N章 …", "N …", "一、…") or a DOCX (python-docx: paragraphs styled Heading/标题, or lines that look like headings).
Each of the seven parts (rules/materials/checklist.toml ``report_parts``) must have a heading containing one of its
keywords; a missing part is a 否决项 at 受理 (the report's 内容深度 does not meet 第十四条), reported with the heading
after which it should have come and that heading's page.
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from reviewer.case.materials import checklist_doc

_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十百零〇\d]+[章节部分]|[一二三四五六七八九十]+[、．.]|\d+(\.\d+)*[\s、．.])")
_MAX_HEADING_CHARS = 60
_ENERGY = re.compile(r"年综合能源消费(?:量)?[^0-9。；;]{0,30}?([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万)?\s*(?:吨标准煤|tce)")


@dataclass
class Heading:
    text: str
    page: int | None  # 1-based; None for DOCX (no pages before layout)
    index: int  # order in the document


@dataclass
class PartResult:
    n: int
    name: str
    found: bool
    heading: str = ""
    page: int | None = None
    nearest_heading: str = ""  # for a missing part: the heading it should follow
    nearest_page: int | None = None


@dataclass
class StructureReport:
    format: str
    headings: int
    parts: list[PartResult]
    stated_energy_tce: float | None = None
    energy_comparison: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [p.name for p in self.parts if not p.found]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "missing": self.missing}


def _norm(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def _looks_like_heading(line: str) -> bool:
    return bool(_HEADING.match(line)) and len(line.strip()) <= _MAX_HEADING_CHARS


def pdf_headings(data: bytes) -> tuple[list[Heading], str]:
    from pypdf import PdfReader  # heavy import kept lazy for start-up speed

    reader = PdfReader(io.BytesIO(data))
    headings: list[Heading] = []

    def walk(items: list) -> None:
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                try:
                    page = reader.get_destination_page_number(it) + 1
                except Exception:  # noqa: BLE001 — a broken outline entry: keep the title without a page
                    page = None
                headings.append(Heading(str(it.title), page, len(headings)))

    try:
        walk(reader.outline)
    except Exception:  # noqa: BLE001 — damaged outline: fall back to the text
        headings = []
    texts = []
    for i, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        texts.append(text)
        if not reader.outline:
            for line in text.splitlines():
                if _looks_like_heading(line):
                    headings.append(Heading(line.strip(), i, len(headings)))
    return headings, "\n".join(texts)


def docx_headings(data: bytes) -> tuple[list[Heading], str]:
    import docx  # python-docx, lazy for start-up speed

    doc = docx.Document(io.BytesIO(data))
    headings: list[Heading] = []
    texts = []
    for p in doc.paragraphs:
        text = p.text or ""
        texts.append(text)
        style = (p.style.name if p.style is not None else "") or ""
        if text.strip() and (style.lower().startswith("heading") or style.startswith("标题")
                             or _looks_like_heading(text)):
            headings.append(Heading(text.strip(), None, len(headings)))
    return headings, "\n".join(texts)


def stated_energy(text: str) -> float | None:
    m = _ENERGY.search(text)
    if not m:
        return None
    try:
        v = Decimal(m.group(1).replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    if m.group(2):
        v *= Decimal(10_000)  # 万吨标准煤 → 吨标准煤 (unit definition)
    return float(v)


def check_report(data: bytes, media_type: str, *, submission_tce: dict[str, float] | None = None) -> StructureReport:
    """Check a 节能报告 file's seven parts; ``submission_tce``: {"当量值": x, "等价值": y} from the assessment."""
    fmt = "pdf" if media_type == "application/pdf" else "docx"
    warnings: list[str] = []
    try:
        headings, text = pdf_headings(data) if fmt == "pdf" else docx_headings(data)
    except Exception as exc:  # noqa: BLE001 — a damaged file is a finding, not a crash
        headings, text = [], ""
        warnings.append(f"无法读取报告的目录与正文（{type(exc).__name__}），结构检查未能完成。")
    parts: list[PartResult] = []
    last_found: Heading | None = None
    for spec in checklist_doc()["report_parts"]:
        keys = [_norm(k) for k in spec["keywords"]]
        hit = next((h for h in headings if any(k in _norm(h.text) for k in keys)), None)
        if hit is not None:
            parts.append(PartResult(spec["n"], spec["name"], True, hit.text, hit.page))
            last_found = hit
        else:
            parts.append(PartResult(spec["n"], spec["name"], False,
                                    nearest_heading=last_found.text if last_found else "",
                                    nearest_page=last_found.page if last_found else None))
    rep = StructureReport(fmt, len(headings), parts, warnings=warnings)
    rep.stated_energy_tce = stated_energy(text)
    if rep.stated_energy_tce is not None and submission_tce:
        tol = float(checklist_doc()["energy_comparison"]["relative_tolerance"])
        matches = {k: v for k, v in submission_tce.items()
                   if v is not None and abs(rep.stated_energy_tce - v) <= tol * max(abs(v), abs(rep.stated_energy_tce))}
        rep.energy_comparison = {"stated_tce": rep.stated_energy_tce, "submission_tce": submission_tce,
                                 "matches": sorted(matches), "consistent": bool(matches),
                                 "relative_tolerance": tol}
    return rep
