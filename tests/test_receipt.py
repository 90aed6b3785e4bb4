"""Issue 17: execution receipts, re-deriving a signed opinion, signed rule packs, office verifications, impact.

Hand figures: electronics demo (resources/demo/electronics.json) — 年综合能源消费量 5161.8 tce 当量值 (the figure the
opinion tests already pin, GB/T 2589 coefficients); electricity 等价值 coefficient 0.28078 kgce/kWh from 2026-01-01
(rules/parameters/energy/coefficients.toml, DB31/T 783-2026 附录A).
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.archive.db import Archive
from reviewer.archive.models import AuditEvent
from reviewer.cli import main
from reviewer.opinion.service import dumps as _dumps, render_and_sign
from reviewer.opinion.viewmodel import build_view_model, finalise
from reviewer.rules.engine import assess
from reviewer.rules.pack import builtin_files, builtin_info, content_hash
from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.signing.signer import Pkcs12Signer
from reviewer.submission.parse import load_json
from reviewer.usecases.base import Context
from reviewer.usecases.receipts import embedded_files
from reviewer.usecases.rulepacks import build_pack

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo"
CODE = "2026-310117-39-03-000202"  # electronics
PARAM = "energy.coefficients.electricity_equal_value"


@pytest.fixture
def office(reviewer_home, tmp_path):
    identities.init_authority(Settings().commission_name, b"ca")
    key = identities.issue("王审查", b"ca", b"pw")
    pw = tmp_path / "pw"
    pw.write_text("pw\n")
    ca = tmp_path / "ca"
    ca.write_text("ca\n")
    # the four demo submissions (resources/demo), none signed yet
    assert main(["import", *(str(DEMO / f"{n}.json") for n in ("boiler", "datacentre", "electronics", "hospital"))]) == 0
    return {"home": reviewer_home, "key": key, "pw": pw, "ca": ca}


def _signed_opinion(office, tmp_path) -> Path:
    out = tmp_path / "op.pdf"
    assert main(["opinion", CODE, "--out", str(out), "--sign", "--key", str(office["key"]),
                 "--passphrase-file", str(office["pw"]), "--date", "2026-06-05",
                 # 令第31号 opinions rest on unverified parameters: the reviewer confirms them (issue 13)
                 "--confirm-authority", "分级界限已核对", "--confirm-unverified", "参数已核对"]) == 0
    return out


def test_receipt_names_engine_pack_parameters_choices_and_regime():
    a = assess(load_json(DEMO / "electronics.json"), choices={"electricity_basis": "mee_shanghai_2023"}).to_dict()
    r = a["receipt"]
    assert r["engine_version"] and r["rule_pack"] == builtin_info().to_dict()
    assert r["rule_pack"]["version"] == (ROOT / "rules" / "VERSION").read_text().strip()
    assert r["rule_pack"]["sha256"] == content_hash(builtin_files())
    assert r["parameters"]["count"] == len(a["parameters"]) > 20
    p = a["parameters"][PARAM]
    assert {"id", "value", "unit", "source", "verified", "valid_from", "valid_to"} <= set(p)
    assert r["choices"] == {"electricity_basis": "mee_shanghai_2023"}
    # 令第31号 第三十四条: in force from 2025-09-01; the application date 2026-05-18 selects it.
    assert r["regime"]["id"] == "order31" and r["regime"]["date_source"] == "application_date"
    assert r["regime"]["valid_from"] == "2025-09-01"


def test_signed_demo_opinion_is_reproduced(office, tmp_path, capsys):
    pdf = _signed_opinion(office, tmp_path)
    files = embedded_files(pdf.read_bytes())
    assert {"submission.json", "assessment.json", "viewmodel.json"} <= set(files)
    assert json.loads(files["assessment.json"])["receipt"]["rule_pack"]["version"]
    capsys.readouterr()
    assert main(["verify", "--recompute", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "项数字已复算一致" in out and "figures reproduced" in out
    n = out.split("项数字已复算一致")[0].split()[-1]
    done, total = n.split("/")
    assert done == total and int(total) > 100


def test_altered_submission_resigned_with_another_key_names_the_figures(office, tmp_path, capsys, monkeypatch):
    pdf = _signed_opinion(office, tmp_path)
    files = embedded_files(pdf.read_bytes())
    sub, assessment = json.loads(files["submission.json"]), json.loads(files["assessment.json"])
    vm_printed = json.loads(files["viewmodel.json"])
    # Forge: same printed view-model, electricity quantity of the submission doubled, signed by another CA's key.
    vm = build_view_model(kind="approval", submission=sub, assessment=assessment, doc_number=vm_printed["doc_number"],
                          issued_on=date(2026, 6, 5), commission=vm_printed["commission"])
    altered = json.loads(json.dumps(sub))
    elec = next(e for e in altered["energy"] if e["carrier"] == "电力")
    elec["quantity"] = elec["quantity"] * 2
    other = tmp_path / "other-home"
    other.mkdir(mode=0o700)
    monkeypatch.setenv("REVIEWER_HOME", str(other))
    identities.init_authority("另一机关", b"x")
    forger = Pkcs12Signer(identities.issue("冒名者", b"x", b"y"), b"y")
    monkeypatch.setenv("REVIEWER_HOME", str(office["home"]))
    # the signed form, as the issuing path makes it (a draft view-model is refused: signed_text.toml)
    forged, *_ = render_and_sign(finalise(vm, confirmed_unverified=True), Settings(), forger, submission_json=_dumps(altered),
                                 assessment_json=_dumps(assessment))
    bad = tmp_path / "forged.pdf"
    bad.write_bytes(forged)
    capsys.readouterr()
    assert main(["verify", "--recompute", "--json", "--no-archive", str(bad)]) == 1
    rep = json.loads(capsys.readouterr().out)
    assert rep["verify"]["trusted"] is False
    diffs = {d["figure"]: d for d in rep["differences"]}
    assert "energy.equivalent_tce" in diffs and "energy.equal_value_tce" in diffs
    d = diffs["energy.equivalent_tce"]
    assert d["printed"] == 5161.8 and d["recomputed"] > d["printed"]
    capsys.readouterr()
    assert main(["verify", "--recompute", "--no-archive", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "energy.equivalent_tce: 文书 printed 5161.8" in out and "不一致" in out


def test_pack_export_import_on_fresh_archive_and_one_byte_changed_is_refused(office, tmp_path, capsys, monkeypatch):
    pack = tmp_path / "pack.zip"
    assert main(["rules", "export", str(pack), "--ca-passphrase-file", str(office["ca"])]) == 0
    monkeypatch.setenv("REVIEWER_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    capsys.readouterr()
    assert main(["rules", "import", str(pack), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "新增 added: 0" in out and "变更 changed: 0" in out and "废止 retired: 0" in out
    data = bytearray(pack.read_bytes())
    for pos in (len(data) // 2, 40):  # inside compressed data, inside the first header
        broken = bytearray(data)
        broken[pos] ^= 0x01
        bad = tmp_path / f"bad{pos}.zip"
        bad.write_bytes(bytes(broken))
        capsys.readouterr()
        assert main(["rules", "import", str(bad), "--yes"]) == 1
        assert "拒绝" in capsys.readouterr().err


def _changed_pack(office, tmp_path, pid_file: str, old: bytes, new: bytes) -> Path:
    files = dict(builtin_files())
    assert old in files[pid_file]
    files[pid_file] = files[pid_file].replace(old, new, 1)
    files["VERSION"] = b"2026.12.2\n"
    p = tmp_path / "changed.zip"
    p.write_bytes(build_pack(files, ca_passphrase=b"ca", created_by="test", created_at="2026-12-01T00:00:00Z"))
    return p


def test_import_shows_diff_with_old_and_new_values_and_records_pack_in_assessments(office, tmp_path, capsys):
    # Diesel coefficient 1.4571 kgce/kg (GB/T 2589-2020 附录A) changed to 1.5 in a signed pack.
    pack = _changed_pack(office, tmp_path, "parameters/energy/coefficients.toml", b"value = 1.4571", b"value = 1.5")
    capsys.readouterr()
    assert main(["rules", "import", str(pack), "--yes", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["applied"] and d["version"] == "2026.12.2"
    ch = [c for c in d["parameters"] if c["kind"] == "changed"]
    assert [c["id"] for c in ch] == ["energy.coefficients.diesel"]
    assert ch[0]["old"][0]["value"] == 1.4571 and ch[0]["new"][0]["value"] == 1.5 and ch[0]["new"][0]["source"]
    capsys.readouterr()
    assert main(["assess", str(DEMO / "boiler.json"), "--json"]) == 0
    r = json.loads(capsys.readouterr().out)["receipt"]
    assert r["rule_pack"]["version"] == "2026.12.2" and r["rule_pack"]["origin"] == "imported"


def test_office_verification_reaches_assess_and_is_audited(office, tmp_path, capsys):
    doc = tmp_path / "DB31T783.pdf"
    doc.write_bytes(b"%PDF-1.4 standard text")
    assert main(["rules", "verify", PARAM, "--source", "DB31/T 783-2026 附录A（核对原文）", "--document", str(doc),
                 "--reason", "区发改委核对标准文本", "--actor", "李核实"]) == 0
    capsys.readouterr()
    assert main(["assess", str(DEMO / "hospital.json"), "--json"]) == 0  # application date 2026-03-02
    p = json.loads(capsys.readouterr().out)["parameters"][PARAM]
    assert p["value"] == 0.28078 and p["verified"] is True
    assert p["office_verification"]["actor"] == "李核实"
    with Archive().read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "rules.parameter_verified")).one()
        assert ev.actor == "李核实" and ev.reason == "区发改委核对标准文本" and ev.entity_id == PARAM
        assert ev.payload["document_sha256"] and ev.at is not None
    assert main(["archive", "check"]) == 0
    # A 2025 application reads the older dated value (0.28232, to 2025-12-31), which was not confirmed.
    capsys.readouterr()
    assert main(["assess", str(DEMO / "boiler.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["parameters"][PARAM]["verified"] is False


def test_impact_lists_exactly_the_open_cases_a_change_affects(office, tmp_path, capsys):
    uses = {}
    for f in DEMO.glob("*.json"):
        sub = load_json(f)
        a = assess(sub).to_dict()
        uses[sub.project.code] = "energy.coefficients.diesel" in a["parameters"]
    assert any(uses.values()) and not all(uses.values())
    _signed_opinion(office, tmp_path)  # electronics is signed: not an open case any more
    pack = _changed_pack(office, tmp_path, "parameters/energy/coefficients.toml", b"value = 1.4571", b"value = 1.5")
    assert main(["rules", "import", str(pack), "--yes"]) == 0
    capsys.readouterr()
    assert main(["rules", "impact", "--json"]) == 0
    cases = json.loads(capsys.readouterr().out)["cases"]
    expected = sorted(c for c, used in uses.items() if used and c != CODE)
    assert sorted(c["project_code"] for c in cases) == expected
    for c in cases:
        fields = {d["field"]: d for d in c["differences"]}
        assert fields["energy.equivalent_tce"]["after"] > fields["energy.equivalent_tce"]["before"]


@pytest.mark.parametrize("name", ["electronics", "hospital", "boiler", "datacentre"])
def test_energy_balance_counted_flows_sum_to_the_assessed_total(name):
    from reviewer.rules.balance import energy_balance

    a = json.loads(json.dumps(assess(load_json(DEMO / f"{name}.json")).to_dict(), default=str))
    b = energy_balance(a)
    assert b.counted_equivalent_tce == pytest.approx(a["energy"]["equivalent_tce"], abs=0.005)
    assert b.counted_equal_value_tce == pytest.approx(a["energy"]["equal_value_tce"], abs=0.005)
    into_end_use = sum(e.equivalent_tce for e in b.edges if e.stage == 1 and e.counted)
    assert into_end_use == pytest.approx(a["energy"]["equivalent_tce"], abs=0.005)


def test_hospital_balance_excludes_pv_self_use_and_water_and_exports_csv(reviewer_home, tmp_path, capsys):
    # hospital.json: 95 万kWh on-site PV self-use and 42 万t 新水 are shown but not counted (GB/T 2589; 116.76 and
    # 35.99 tce 当量值 at 0.1229 kgce/kWh and 0.0857 kgce/t).
    out = tmp_path / "edges.csv"
    assert main(["assess", str(DEMO / "hospital.json"), "--balance-csv", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig").splitlines()
    assert text[0] == "source,target,stage,equivalent_tce,equal_value_tce,counted"
    assert "电力,场内光伏发电,0,116.76,266.74,excluded" in text
    assert "新水,耗能工质,0,35.99,35.99,excluded" in text
    assert "外购,燃料/动力用能,1,5773.54,10288.91,counted" in text


def test_signed_opinion_appendix_prints_balance_and_flow_diagram(office, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    out = tmp_path / "h.pdf"
    assert main(["opinion", "2026-310117-84-01-000101", "--out", str(out), "--sign", "--key", str(office["key"]),
                 "--passphrase-file", str(office["pw"]), "--date", "2026-06-05",
                 # 令第31号 opinions rest on unverified parameters: the reviewer confirms them (issue 13)
                 "--confirm-authority", "分级界限已核对", "--confirm-unverified", "参数已核对"]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "能源平衡表" in text and "能流图" in text and "不计入：耗能工质" in text and "5773.54" in text
    assert main(["verify", "--recompute", str(out)]) == 0  # the balance figures are reproduced too


def test_engine_version_difference_is_reported_and_figures_still_compared(office, tmp_path, capsys):
    # The office's own (trusted) key re-signs the same document with a receipt from engine "0.0.9".
    pdf = _signed_opinion(office, tmp_path)
    files = embedded_files(pdf.read_bytes())
    sub, assessment = json.loads(files["submission.json"]), json.loads(files["assessment.json"])
    vm_printed = json.loads(files["viewmodel.json"])
    assessment["receipt"]["engine_version"] = "0.0.9"
    vm = build_view_model(kind="approval", submission=sub, assessment=assessment, doc_number=vm_printed["doc_number"],
                          issued_on=date(2026, 6, 5), commission=vm_printed["commission"])
    signer = Pkcs12Signer(office["key"], b"pw")
    pdf2, *_ = render_and_sign(finalise(vm, confirmed_unverified=True), Settings(), signer, submission_json=_dumps(sub), assessment_json=_dumps(assessment))
    path = tmp_path / "old-engine.pdf"
    path.write_bytes(pdf2)
    capsys.readouterr()
    assert main(["verify", "--recompute", "--no-archive", str(path)]) == 0
    out = capsys.readouterr().out
    assert "引擎版本不同（0.0.9 → " in out and "项数字已复算一致" in out


def test_unverified_parameters_ordered_by_open_cases_and_verification_removes_one(office, capsys):
    from reviewer.usecases.rulepacks import unverified_parameters

    ctx = Context(archive=Archive(), actor="test")
    rows = unverified_parameters(ctx).value
    counts = [r.open_cases for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] == 4  # four open demo cases
    # electricity 等价值 coefficient: every demo case reads it (the 2025 boiler case its older dated value, also
    # unverified), so it affects all four open cases
    assert next(r for r in rows if r.id == PARAM).open_cases == 4
    assert main(["rules", "verify", PARAM, "--source", "DB31/T 783-2026 附录A", "--reason", "核对"]) == 0
    assert PARAM not in {r.id for r in unverified_parameters(ctx).value}


def test_the_frozen_bundle_runs_the_recompute_worker_through_its_entry(office, tmp_path, capsys, monkeypatch):
    """In the PyInstaller bundle ``sys.executable`` is the application: ``verify --recompute`` starts it with
    ``__recompute_worker__`` and its entry (packaging/reviewer_entry.py) runs the worker — the same figures."""
    import sys

    from reviewer.usecases import receipts

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert receipts.worker_command() == [sys.executable, receipts.WORKER_ARG]
    monkeypatch.delattr(sys, "frozen")
    assert receipts.worker_command()[1:] == ["-I", "-m", receipts.WORKER]
    entry = Path(__file__).resolve().parents[1] / "packaging" / "reviewer_entry.py"
    monkeypatch.setattr(receipts, "worker_command", lambda: [sys.executable, str(entry), receipts.WORKER_ARG])
    pdf = _signed_opinion(office, tmp_path)
    capsys.readouterr()
    assert main(["verify", "--recompute", str(pdf)]) == 0
    out = capsys.readouterr().out
    done, total = out.split("项数字已复算一致")[0].split()[-1].split("/")
    assert done == total and int(total) > 100
