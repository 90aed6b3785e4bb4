"""One source per fact (issue 11 §4): the district budget the ledger holds reaches the engine as a dated layer.

Hand calculation (resources/demo/hospital.json, commissioning 2029): the placeholder budget of 150 000 tce
(rules/parameters/region/songjiang.toml, unverified) gives 3.85 %, i.e. the project's 5 775 tce (3.85 % × 150 000);
with the district's own 2029 budget of 50 000 tce: 5 775 / 50 000 = 11.55 % (令第31号 第十二条第（七）项 区域影响).
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

from reviewer.cli import main
from reviewer.rules.regional import LEDGER_DOCUMENT
from reviewer.services import district_budget_layer
from reviewer.settings import Settings
from reviewer.usecases.base import Context
from reviewer.usecases.opinions import PreviewRequest, preview

ROOT = Path(__file__).resolve().parents[1]
HOSPITAL = ROOT / "resources" / "demo" / "hospital.json"


def _regional(capsys) -> dict:
    assert main(["assess", str(HOSPITAL), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["regional"]


def test_ledger_budget_reaches_assess_and_the_opinion(archive, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("REVIEWER_DATABASE_URL", archive.url)
    before = _regional(capsys)
    assert (before["energy_share_percent"], before["budget_source"]) == (3.85, "parameters")
    assert "占位参数" in before["summary"]
    assert main(["ledger", "budget", "set", "--year", "2029", "--eq", "50000", "--co2", "100000",
                 "--reason", "区发改委下达2029年度预算"]) == 0
    capsys.readouterr()
    after = _regional(capsys)
    assert (after["energy_share_percent"], after["budget_source"]) == (11.55, "ledger")
    assert after["energy_budget_tce"] == 50000 and "占位参数" not in after["summary"]
    # another year the district has not set keeps the placeholder (a dated layer, not a blanket override)
    with archive.read() as s:
        store = district_budget_layer(s)
    y2029 = store.get("region.songjiang.energy_increment_budget_tce", date(2029, 6, 1))
    y2030 = store.get("region.songjiang.energy_increment_budget_tce", date(2030, 6, 1))
    assert (y2029.number, y2029.verified, y2029.source.document) == (Decimal(50000), True, LEDGER_DOCUMENT)
    assert (y2030.number, y2030.verified) == (Decimal(150000), False)
    # the same figure in the stored assessment and in the opinion
    assert main(["import", str(HOSPITAL)]) == 0
    capsys.readouterr()
    pv = preview(Context(archive=archive, settings=Settings(), actor="王审查"),
                 PreviewRequest(project_code=json.loads(HOSPITAL.read_text(encoding="utf-8"))["project"]["code"]))
    f = tmp_path / "draft.pdf"
    f.write_bytes(pv.value.pdf)
    text = "".join(subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True, check=True)
                   .stdout.split())
    assert "11.55%" in text and "3.85%" not in text and "预算为占位参数" not in text
