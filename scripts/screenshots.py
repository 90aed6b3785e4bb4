"""Regenerate the workbench screenshots (offscreen) into docs/screenshots/ and docs/main-window.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--lang zh_CN|en]

A throw-away REVIEWER_HOME gets the demo world (``reviewer.demo.build_world``); the first-run dialog, the main
window, the district ledger, every review-wizard page (with the energy table, carbon chart, findings and the opinion
preview), the case file (the project view's "Case file" tab, the case panel, the 受理 step with its materials
checklist; a few example cases are added to the demo world first, see ``_case_examples``), the batch import, the
settings and keys dialogs are grabbed with QWidget.grab(). The user manual
(docs/manual.md) links these files.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HOSPITAL = "2026-310117-84-01-000101"
ELECTRONICS = "2026-310117-39-03-000202"
SCHOOL = "2026-310117-83-01-001010"  # received, not yet reviewed: the wizard's example
SIZE = (1440, 900)
DATACENTRE = "2026-310117-65-01-000404"  # an accepted case whose decision deadline has passed: flagged overdue
TODAY = "2026-12-02"  # the screenshots' "today" (deadline flags are computed against it)


def _report_pdf() -> bytes:
    """A short 节能报告 with the seven parts of 令第31号 第十二条 (ReportLab, the bundled CJK font embedded)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("ShotSong", str(ROOT / "resources" / "fonts" / "gbsn00lp.ttf")))
    parts = ["第一章 项目概况", "第二章 分析评价依据", "第三章 项目建设及运营方案节能降碳分析和比选",
             "第四章 项目能源消费情况", "第五章 项目碳排放情况", "第六章 项目拟采取的节能降碳措施",
             "第七章 项目实施对所在地完成节能降碳目标任务的影响分析"]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("ShotSong", 22)
    c.drawString(110, 700, "某区属九年一贯制学校新建工程")
    c.drawString(200, 660, "节能报告（演示 DEMO）")
    c.setFont("ShotSong", 12)
    y = 560
    for h in parts:
        c.drawString(120, y, h)
        y -= 26
    c.showPage()
    for h in parts:
        c.setFont("ShotSong", 16)
        c.drawString(72, 760, h)
        c.setFont("ShotSong", 11)
        c.drawString(72, 730, "（演示文本 demo text）")
        c.showPage()
    c.save()
    return buf.getvalue()


def _case_examples(archive) -> None:  # noqa: ANN001
    """Cases for the case-file screenshots: the school received on 11-26 with its 节能报告 attached (the 补正 notice
    is due 12-03: due soon on 12-02), the data centre accepted on 10-14 (decision due 11-11: overdue)."""
    from datetime import date

    from reviewer.usecases.base import Context
    from reviewer.usecases.cases import AttachRequest, EventRequest, ReceiveRequest, attach_file, receive_case, \
        record_event

    ctx = Context(archive=archive, actor="张三")
    receive_case(ctx, request=ReceiveRequest(SCHOOL, date(2026, 11, 26), reason="窗口收件（演示）"))
    attach_file(ctx, request=AttachRequest(SCHOOL, "节能报告.pdf", _report_pdf(), "energy_report", "energy_report"))
    receive_case(ctx, request=ReceiveRequest(DATACENTRE, date(2026, 10, 12), reason="网上申报（演示）"))
    record_event(ctx, request=EventRequest(DATACENTRE, "accepted", date(2026, 10, 14)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    a = ap.parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="reviewer-shots-"))
    os.environ["REVIEWER_HOME"] = str(home)
    os.environ.pop("REVIEWER_DATABASE_URL", None)

    from PySide6.QtWidgets import QApplication

    from reviewer.settings import Settings
    from reviewer.ui import dialogs, tasks
    from reviewer.archive.db import Archive
    from reviewer.demo import build_world
    from reviewer.ui.testing import prepare_app

    s = Settings()
    s.reviewer_name = "张三"
    s.reviewer_title = "节能审查科"
    s.language = a.lang
    s.save()
    prepare_app(a.lang)
    tasks.set_runner(tasks.SyncRunner())
    dialogs.confirmer = lambda *_a: True
    archive = Archive()
    build_world(archive)
    _case_examples(archive)
    from datetime import date

    today = date.fromisoformat(TODAY)
    out = a.out
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if a.lang == "zh_CN" else "-en"
    shots: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            QApplication.processEvents()

    def grab(widget, name: str) -> None:  # noqa: ANN001
        settle()
        p = out / f"{name}{suffix}.png"
        widget.grab().save(str(p))
        shots.append(p)

    from reviewer.ui.main_window import MainWindow

    win = MainWindow(archive=archive, today=today)
    win.resize(*SIZE)
    win.show()
    from reviewer.ui.first_run import FirstRunDialog, KeysDialog
    from reviewer.usecases.base import Context

    fr = FirstRunDialog(Context(archive=archive, settings=s), win)
    fr.name.setText("张三")
    fr.keys.passphrase.first.setText("Songjiang-2026-审查")
    fr.keys.passphrase.second.setText("Songjiang-2026-审查")
    fr.show()
    grab(fr, "first-run")
    fr.accept()
    kd = KeysDialog(Context(archive=archive, settings=Settings.load()), win)
    kd.show()
    grab(kd, "keys-dialog")
    kd.close()
    win.select_code(HOSPITAL)
    win.view.tabs.setCurrentIndex(1)
    win.view.fig_eq.click()
    grab(win, "main-window")
    if a.lang == "zh_CN":
        win.grab().save(str(ROOT / "docs" / "main-window.png"))
    win.view.tabs.setCurrentIndex(2)
    grab(win, "main-window-findings")
    win.view.tabs.setCurrentIndex(3)
    grab(win, "main-window-opinions")
    win.select_code(SCHOOL)
    win.view.tabs.setCurrentIndex(win.view.case_tab)
    grab(win, "main-window-case")
    from reviewer.ui.case_panel import CasePanel

    panel = CasePanel(Context(archive=archive, settings=Settings.load(), actor="张三"), today=today)
    panel.resize(1320, 860)
    panel.show()
    panel.show_project(SCHOOL)
    grab(panel, "case_panel")
    panel.close()
    win.pages.setCurrentIndex(1)
    for _ in range(20):
        settle()
    grab(win, "ledger_dashboard")
    win.pages.setCurrentIndex(0)

    from reviewer.ui.wizard.wizard import ReviewWizard

    wz = ReviewWizard(archive, SCHOOL, win, actor="张三", settings=Settings.load())
    wz.resize(*SIZE)
    wz.show()
    names = ["wizard-1-acceptance", "wizard-2-overview", "wizard-3-energy", "wizard-4-carbon", "wizard-5-policy",
             "wizard-6-regional", "wizard-7-conclusion", "wizard-8-issue"]
    for i, name in enumerate(names):
        wz.go(i, validate=False)
        page = wz.pages[i]
        if page.objectName() == "energyPage":
            from reviewer.ui.wizard.energy import EDIT_KEYS

            page.table.clicked.emit(page.model.index(0, len(EDIT_KEYS)))
        if page.objectName() == "policyPage":
            rows = page.findings.records
            warn = next((k for k, r in enumerate(rows) if r["status"] in ("warn", "fail")), 0)
            page.find_view.selectRow(warn)
            page.override.setCurrentIndex(page.override.findData("pass"))
            page.reason.setPlainText("现场核查：建设单位已承诺采用一级能效设备，见补充材料。")
        if page.objectName() == "conclusionPage":
            page.approve.setChecked(True)
            page.conditions.setPlainText("项目建成后应按规定开展节能审查验收。\n主要用能设备能效应达到一级。")
        if page.objectName() == "issuePage":
            page.render_preview()
        grab(wz, name)
        if page.objectName() == "policyPage":  # the form's other sections: products, buildings, PV, equipment
            page.tabs.setCurrentIndex(1)
            grab(wz, "wizard-5-policy-data")
            page.tabs.setCurrentIndex(0)
    wz.close()
    dc = ReviewWizard(archive, DATACENTRE, win, actor="张三", settings=Settings.load())
    dc.resize(*SIZE)
    dc.show()
    dc.go(4, validate=False)
    policy = dc.pages[4]
    policy.tabs.setCurrentIndex(1)
    settle()
    policy.tabs.currentWidget().ensureWidgetVisible(policy.panel.boxes["data_centre"])
    grab(dc, "wizard-5-policy-data-centre")
    dc.close()

    from reviewer.ui.import_dialog import BatchImportDialog

    imp = BatchImportDialog(archive, win, actor="张三")
    imp.resize(1000, 680)
    imp.show()
    demo = ROOT / "resources" / "demo"
    imp.add_paths([str(demo / "hospital.json"), str(demo / "boiler.json")])
    bad = home / "某项目申报表（填写有误）.xlsx"
    from reviewer.intake.template import write_workbook

    write_workbook(bad)
    imp.add_paths([str(bad)])
    imp.start()
    imp.view.selectRow(2)
    grab(imp, "import-dialog")

    from reviewer.ui.settings_dialog import SettingsDialog

    sd = SettingsDialog(win)
    sd.show()
    grab(sd, "settings-dialog")
    for p in shots:
        print(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
