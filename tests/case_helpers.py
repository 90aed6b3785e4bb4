"""Real files for the case-file tests: a 节能报告 as PDF (ReportLab, CJK font embedded) and as DOCX (python-docx)."""

from __future__ import annotations

import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# 令第31号 第十二条第一款（一）…（七）
PARTS = [
    "第一章 项目概况",
    "第二章 分析评价依据",
    "第三章 项目建设及运营方案节能降碳分析和比选",
    "第四章 项目能源消费情况",
    "第五章 项目碳排放情况",
    "第六章 项目拟采取的节能降碳措施",
    "第七章 项目实施对所在地完成节能降碳目标任务的影响分析",
]


def report_pdf(headings=PARTS, energy_sentence: str = "项目年综合能源消费量为 1234.56 吨标准煤（当量值）。",
               outline: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "CaseTestSong"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, str(ROOT / "resources" / "fonts" / "gbsn00lp.ttf")))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i, h in enumerate(headings):
        c.setFont(font, 16)
        c.drawString(72, 760, h)
        if outline:
            c.bookmarkPage(f"p{i}")
            c.addOutlineEntry(h, f"p{i}", level=0)
        c.setFont(font, 11)
        c.drawString(72, 720, "本章内容从略。" if "能源消费" not in h else energy_sentence)
        c.showPage()
    c.save()
    return buf.getvalue()


def report_docx(headings=PARTS) -> bytes:
    import docx

    d = docx.Document()
    for h in headings:
        d.add_heading(h, level=1)
        d.add_paragraph("本章内容从略。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
