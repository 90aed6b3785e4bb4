"""Archive foundation: migrations up and down on SQLite and PostgreSQL, models match migrations, storing a
submission is versioned and idempotent, the audit chain verifies."""

from __future__ import annotations

import json

import pytest

from alembic.autogenerate import compare_metadata

from reviewer.archive.search import search_index_excluded
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from reviewer.archive import audit
from reviewer.archive.db import Archive
from reviewer.archive.models import Base, Project, Submission
from reviewer.services import store_submission
from reviewer.submission.parse import load_json, submission_from_data


def test_upgrade_head_then_downgrade_base(db_url):
    a = Archive(db_url)
    tables = set(a.table_names())
    assert {"projects", "submissions", "assessments", "opinions", "audit_events", "doc_number_sequences"} <= tables
    a.downgrade("base")
    assert set(a.table_names()) <= {"alembic_version"}
    a.upgrade("head")
    assert "projects" in a.table_names()
    a.dispose()


def test_models_match_migrations(db_url):
    a = Archive(db_url)
    with a.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={
            "compare_type": False, "include_name": search_index_excluded}), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    a.dispose()


def test_sqlite_pragmas(archive):
    with archive.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_archive_file_is_owner_only(tmp_path):
    path = tmp_path / "sub" / "a.sqlite3"
    Archive(f"sqlite:///{path}").dispose()
    assert (path.stat().st_mode & 0o777) == 0o600


def test_store_is_versioned_and_idempotent(any_archive, demo_dir):
    sub = load_json(demo_dir / "hospital.json")
    r1 = any_archive.run_write(lambda s: store_submission(s, sub, source_name="a.json", source_format="json"))
    r2 = any_archive.run_write(lambda s: store_submission(s, sub, source_name="a.json", source_format="json"))
    assert (r1.status, r1.version) == ("imported", 1)
    assert (r2.status, r2.version) == ("duplicate", 1)
    data = json.loads((demo_dir / "hospital.json").read_text())
    data["energy"][0]["quantity"] = 2900
    changed = submission_from_data(data)
    r3 = any_archive.run_write(lambda s: store_submission(s, changed, source_name="b.json", source_format="json"))
    assert (r3.status, r3.version) == ("new_version", 2)
    with any_archive.read() as s:
        assert s.scalar(select(Project).where(Project.code == sub.project.code)).equivalent_tce == 3564.10 + 2258.60
        assert len(list(s.scalars(select(Submission)))) == 2
        assert audit.verify_chain(s) == []


def test_audit_chain_detects_edit(archive, demo_dir):
    sub = load_json(demo_dir / "boiler.json")
    archive.run_write(lambda s: store_submission(s, sub, source_name="x.json", source_format="json"))
    archive.run_write(lambda s: audit.record(s, actor="t", action="note", entity="project", entity_id="1", reason="r"))
    with archive.engine.begin() as c:
        c.execute(text("UPDATE audit_events SET reason = 'edited' WHERE id = 2"))
    with archive.read() as s:
        problems = audit.verify_chain(s)
    assert [p.event_id for p in problems] == [2]


def test_assessment_is_stored_compact_over_one_shared_snapshot(archive, demo_dir):
    """Issue 15: the parameter snapshot is stored once per distinct rule-pack content (``rule_snapshots``), trace
    steps reference its rows by id, the rest is compressed — and ``full_result()`` gives back exactly what
    ``Assessment.to_dict()`` produced (the public format of docs/assess-format.md), full records in every step."""
    import zlib

    from reviewer.archive.models import AssessmentRow, LedgerBudget
    from reviewer.rules.engine import assess
    from reviewer.services import budget_layer, district_budget_rows

    import dataclasses

    subs = [load_json(demo_dir / n) for n in ("hospital.json", "hospital.json", "datacentre.json")]
    # a second hospital project (another code, other quantities): same rule packs, same parameters used
    subs[1] = dataclasses.replace(subs[1], project=dataclasses.replace(subs[1].project, code=subs[1].project.code[:-1] + "9",
                                                                        name="另一医院项目"))
    for i, sub in enumerate(subs):
        archive.run_write(lambda s, sub=sub, i=i: store_submission(s, sub, source_name=f"{i}.json", source_format="json"))
    with archive.engine.connect() as c:
        snaps = c.execute(text("SELECT content_sha256, data FROM rule_snapshots")).all()
        rows = c.execute(text("SELECT snapshot_id, result, parameters, result_z FROM assessments")).all()
    # one snapshot per distinct parameter content: the snapshot is the pool of every record of the parameters the
    # assessments ran under (built-in packs, no ledger budgets), shared by the hospitals and the data centre alike
    assert len(rows) == 3 and len(snaps) == 1
    assert rows[0].snapshot_id == rows[1].snapshot_id == rows[2].snapshot_id
    assert all(r.result in ("{}", {}) for r in rows)
    pool = json.loads(zlib.decompress(snaps[0].data))
    assert any(k.startswith("energy.coefficients.electricity_equivalent@") for k in pool)
    # the results are compressed with the preset dictionary the pool row carries (rule-pack texts): smaller, and
    # readable only with that row
    from reviewer.archive import compact

    zdict = compact.zdict_of(pool)
    assert zdict and rows[0].result_z[:4] == compact.ZSTD_MAGIC  # a Zstandard frame (RFC 8878 §3.1.1)
    with pytest.raises(ValueError):  # the frame's checksum: the wrong (here: no) dictionary fails, never misreads
        compact.unpack(rows[0].result_z)
    stored = compact.unpack(rows[0].result_z, zdict)
    refs = [r for step in stored["trace"] for r in step.get("parameters") or []]
    assert refs and all(isinstance(r, str) for r in refs)  # ids, not copies of the records
    keys = stored["parameter_keys"]  # each parameter's pool record by its valid_from, not a copy of the record
    assert "energy.coefficients.electricity_equivalent" in keys and all(isinstance(k, str) for k in keys.values())
    assert len(rows[0].result_z) < 20_000  # was ≈ 100 KB as JSON (bench/results.md, issue 15)
    with archive.read() as s:
        full = [r.full_result() for r in s.scalars(select(AssessmentRow).order_by(AssessmentRow.id))]
    for sub, got in zip(subs, full):
        assert got == json.loads(json.dumps(assess(sub).to_dict()))
    # other parameter content (a district budget the ledger holds layered over the packs): a second pool row
    year = subs[2].project.commissioning_year or subs[2].project.application_date.year
    with archive.write() as s:
        s.add(LedgerBudget(year=year, energy_equivalent_tce=12345.0, carbon_tco2=23456.0, note="test"))
    other = dataclasses.replace(subs[2], project=dataclasses.replace(subs[2].project, code=subs[2].project.code[:-1] + "8"))
    archive.run_write(lambda s: store_submission(s, other, source_name="3.json", source_format="json"))
    with archive.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM rule_snapshots")).scalar() == 2
    with archive.read() as s:
        rows = district_budget_rows(s)
        got = s.scalars(select(AssessmentRow).order_by(AssessmentRow.id.desc())).first().full_result()
    assert got == json.loads(json.dumps(assess(other, params=budget_layer(rows)).to_dict()))


def test_rows_written_before_0003_still_read_in_full(archive, demo_dir):
    from reviewer.archive.models import AssessmentRow
    from reviewer.rules.engine import assess

    sub = load_json(demo_dir / "hospital.json")
    archive.run_write(lambda s: store_submission(s, sub, source_name="h.json", source_format="json"))
    d = json.loads(json.dumps(assess(sub).to_dict()))
    with archive.write() as s:  # the pre-0003 layout: full JSON, no snapshot reference
        row = s.scalars(select(AssessmentRow)).one()
        row.result, row.parameters = {k: v for k, v in d.items() if k != "parameters"}, d["parameters"]
        row.result_z, row.snapshot_id = None, None
    with archive.read() as s:
        assert s.scalars(select(AssessmentRow)).one().full_result() == d


def test_prepared_assessment_is_redone_when_the_ledger_budget_changed_meanwhile(archive, demo_dir):
    """A batch's reader processes assess with the budget rows read at the start; if the district sets a budget
    before the writer stores the file, the writer re-assesses (the stored result uses the ledger as it is)."""
    from reviewer.archive.models import AssessmentRow, LedgerBudget
    from reviewer.rules.engine import assess
    from reviewer.services import budget_layer, district_budget_rows, prepare

    sub = load_json(demo_dir / "hospital.json")
    stale = prepare(sub, budget_rows=())
    year = sub.project.commissioning_year or sub.project.application_date.year
    with archive.write() as s:
        s.add(LedgerBudget(year=year, energy_equivalent_tce=12345.0, carbon_tco2=23456.0, note="test"))
    archive.run_write(lambda s: store_submission(s, sub, source_name="h.json", source_format="json", prepared=stale))
    with archive.read() as s:
        rows = district_budget_rows(s)
        got = s.scalars(select(AssessmentRow)).one().full_result()
    assert rows and got == json.loads(json.dumps(assess(sub, params=budget_layer(rows)).to_dict()))
    assert got != json.loads(json.dumps(assess(sub).to_dict()))  # the budget share did change
