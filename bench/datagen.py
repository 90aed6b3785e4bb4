"""Realistic data for benchmarks and load tests: submissions (JSON) and whole archives.

Two things are generated:

* :func:`make_submission` / :func:`write_submissions` — JSON submissions that pass the real reader
  (``reviewer.submission.parse.submission_from_data``): valid 项目代码 and 统一社会信用代码 (with check character),
  Songjiang towns, GB/T 4754 industries, energy mixes typical of the industry (electricity in kWh/万kWh/MWh, natural
  gas in m³/万m³, steam, diesel, coal for a few, water as a working medium, on-site PV self-use), products, buildings.
* :func:`make_archive` — fills an archive with ``n`` projects, one submission each, one assessment each, a few signed-
  looking opinions (unsigned rows, a real one-page PDF) and a hash-chained audit event per submission, FAST: rows go
  in through SQLAlchemy Core ``executemany`` in chunks (≈100k projects in well under a minute on SQLite).

  To stay fast, the rule engine is not run 100k times: a pool of ``pool`` distinct submissions is assessed by the
  REAL engine, each under the regime of the first day of a given month; every generated project borrows one pool
  entry's energy data and assessment and gets its own identity (code, name, builder, town, application date within
  that month). Regime changes fall on the first of a month (e.g. 2025-09-01), so the borrowed assessment is the one
  the engine would produce for the project's own date. The stored submission JSON, its SHA-256 and the audit chain
  are exact for every row.

Deterministic for a given ``seed``. No Qt, no network.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # runnable as a plain script from a checkout
    sys.path.insert(0, str(ROOT))

TOWNS = [
    "岳阳街道", "永丰街道", "方松街道", "中山街道", "广富林街道", "九里亭街道", "泗泾镇", "佘山镇", "车墩镇", "新桥镇",
    "洞泾镇", "九亭镇", "泖港镇", "石湖荡镇", "新浜镇", "叶榭镇", "小昆山镇", "松江经济技术开发区", "佘山度假区",
]
# Industrial towns get more projects (weights roughly follow where Songjiang's manufacturing sits).
TOWN_WEIGHTS = [2, 2, 2, 2, 2, 1, 4, 2, 6, 6, 5, 5, 2, 3, 2, 3, 4, 10, 1]

# industry code → (kind of project, typical product words, capacity unit)
INDUSTRIES: dict[str, tuple[str, list[str], str]] = {
    "13": ("factory", ["饲料", "大米", "植物油"], "吨"),
    "14": ("factory", ["烘焙食品", "乳制品", "调味品"], "吨"),
    "17": ("factory", ["印染布", "针织面料", "无纺布"], "万米"),
    "26": ("factory", ["涂料", "胶粘剂", "电子化学品"], "吨"),
    "27": ("factory", ["原料药", "生物制剂", "医疗器械"], "万支"),
    "29": ("factory", ["塑料包装", "橡胶密封件", "改性塑料"], "吨"),
    "33": ("factory", ["精密铸件", "紧固件", "金属结构件"], "吨"),
    "34": ("factory", ["工业机器人", "伺服电机", "减速机"], "台"),
    "35": ("factory", ["半导体设备", "医疗设备", "包装机械"], "台"),
    "36": ("factory", ["汽车零部件", "新能源汽车电驱", "汽车线束"], "万套"),
    "38": ("factory", ["锂电池模组", "储能变流器", "光伏逆变器"], "万套"),
    "39": ("factory", ["集成电路封装", "印制电路板", "液晶模组"], "万片"),
    "40": ("factory", ["智能仪表", "传感器", "分析仪器"], "万台"),
    "59": ("warehouse", ["冷链物流", "智能仓储"], "万吨"),
    "64": ("datacentre", ["云计算", "互联网数据中心"], "架"),
    "65": ("datacentre", ["智算中心", "数据中心"], "架"),
    "70": ("public", ["商业综合体", "办公楼", "酒店"], ""),
    "73": ("public", ["研发中心", "实验室"], ""),
    "83": ("public", ["中学", "职业学院", "幼儿园"], ""),
    "84": ("public", ["综合医院", "社区卫生服务中心"], ""),
}
INDUSTRY_WEIGHTS = {"13": 2, "14": 3, "17": 3, "26": 4, "27": 4, "29": 4, "33": 5, "34": 8, "35": 7, "36": 7, "38": 8,
                    "39": 9, "40": 4, "59": 3, "64": 2, "65": 2, "70": 5, "73": 3, "83": 2, "84": 2}
PROJECT_TYPES = ["新建", "新建", "新建", "扩建", "改建", "技术改造"]
TYPE_CODE = {"新建": "01", "扩建": "02", "改建": "03", "技术改造": "04"}
SURNAMES = "华恒鼎盛泰瑞博远中宏新嘉联创明德信和兴达凯晟安丰启辰卓越睿腾宇航天正通源"
SUFFIX = ["科技", "精密机械", "智能装备", "新材料", "电子", "医药", "实业", "汽车部件", "物流", "置业", "半导体", "光电"]
STATUSES = ["received", "in_review", "correction", "approved", "approved", "approved", "approved", "rejected", "lapsed"]
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(rng: random.Random) -> str:
    """A valid 统一社会信用代码 (GB 32100-2015) for a company registered in Shanghai (9131…)."""
    from reviewer.submission.checks import credit_code_with_check

    body = "91310117" + "".join(rng.choice(_CREDIT_ALPHABET) for _ in range(9))
    return credit_code_with_check(body)


def _round(x: float, places: int = 2) -> Decimal:
    return Decimal(str(round(x, places)))


def energy_rows(rng: random.Random, kind: str, scale: float) -> list[dict[str, Any]]:
    """A typical energy mix for a project of ``kind``; ``scale`` ≈ annual electricity in 万kWh."""
    rows: list[dict[str, Any]] = []
    unit = rng.choice(["万kWh", "万kWh", "万kWh", "kWh", "MWh"])
    factor = {"万kWh": 1, "kWh": 10000, "MWh": 10}[unit]
    rows.append({"carrier": "电力", "quantity": _round(scale * factor), "unit": unit})
    if kind in ("factory", "public") and rng.random() < 0.75:
        gas = scale * rng.uniform(0.3, 3.0)  # 万m³ per 100万kWh-ish
        if rng.random() < 0.5:
            rows.append({"carrier": "天然气", "quantity": _round(gas / 10), "unit": "万m³"})
        else:
            rows.append({"carrier": "天然气", "quantity": _round(gas * 1000), "unit": "m³"})
    if kind == "factory" and rng.random() < 0.35:
        rows.append({"carrier": "蒸汽", "quantity": _round(scale * rng.uniform(2, 20)), "unit": "t"})
    if kind == "factory" and rng.random() < 0.05:
        rows.append({"carrier": "原煤", "quantity": _round(scale * rng.uniform(1, 5)), "unit": "t"})
    if rng.random() < 0.4:
        rows.append({"carrier": "柴油", "quantity": _round(rng.uniform(1, 40)), "unit": "t",
                     "note": "叉车及备用发电机"})
    if kind == "public" and rng.random() < 0.3:
        rows.append({"carrier": "热力", "quantity": _round(scale * rng.uniform(50, 400)), "unit": "GJ"})
    if rng.random() < 0.8:
        rows.append({"carrier": "新水", "quantity": _round(scale * rng.uniform(100, 2000)), "unit": "t"})
    if rng.random() < 0.5:
        pv = scale * rng.uniform(0.02, 0.15)
        rows.append({"carrier": "电力", "quantity": _round(pv), "unit": "万kWh", "source": "onsite_pv_self_use",
                     "note": "屋顶光伏自发自用"})
    if kind == "datacentre" and rng.random() < 0.6:
        rows.append({"carrier": "电力", "quantity": _round(scale * rng.uniform(0.1, 0.5)), "unit": "万kWh",
                     "source": "green_power", "note": "外购绿电"})
    return rows


def _identity(rng: random.Random, serial: int, like: dict[str, Any], day: date) -> dict[str, Any]:
    """New identity fields (code, name, builder …) for a project that borrows ``like``'s industry and type."""
    industry, ptype = like["industry_code"], like["project_type"]
    _, product_words, cap_unit = INDUSTRIES[industry]
    company = "上海" + "".join(rng.sample(SURNAMES, 2)) + rng.choice(SUFFIX) + "有限公司"
    product = rng.choice(product_words)
    name = (f"年产{rng.randint(1, 500)}{cap_unit}{product}{ptype}项目" if cap_unit
            else f"{company[2:6]}{product}{ptype}项目")
    return {"code": f"{day.year}-310117-{industry}-{TYPE_CODE[ptype]}-{serial % 1_000_000:06d}", "name": name,
            "builder": company, "builder_credit_code": credit_code(rng), "town": rng.choices(TOWNS, weights=TOWN_WEIGHTS)[0],
            "application_date": day.isoformat(), "employees": rng.randint(20, 2000),
            "description": f"建设{product}及配套设施。"}


def make_submission(rng: random.Random, serial: int, *, application_date: date | None = None) -> dict[str, Any]:
    """One realistic JSON submission (plain data as ``reviewer.submission.parse`` reads it)."""
    industry = rng.choices(list(INDUSTRY_WEIGHTS), weights=list(INDUSTRY_WEIGHTS.values()))[0]
    kind, product_words, cap_unit = INDUSTRIES[industry]
    ptype = rng.choice(PROJECT_TYPES)
    day = application_date or date(2022, 1, 1) + timedelta(days=rng.randrange(0, 365 * 5))
    town = rng.choices(TOWNS, weights=TOWN_WEIGHTS)[0]
    company = "上海" + "".join(rng.sample(SURNAMES, 2)) + rng.choice(SUFFIX) + "有限公司"
    product = rng.choice(product_words)
    # Heavy-tailed size: most projects are small, a few are very large (log-uniform 10–30000 万kWh electricity).
    scale = 10 ** rng.uniform(1, 4.5)
    if kind == "public":
        name = f"{company[2:6]}{product}{ptype}项目"
    elif kind == "datacentre":
        name = f"{product}{ptype}项目（标准机架{int(scale / 3) + 50}架）"
    else:
        name = f"年产{rng.randint(1, 500)}{cap_unit}{product}{ptype}项目"
    investment = _round(scale * rng.uniform(20, 120), 0)
    output = _round(float(investment) * rng.uniform(0.8, 3.0), 0)
    project: dict[str, Any] = {
        "code": f"{day.year}-310117-{industry}-{TYPE_CODE[ptype]}-{serial % 1_000_000:06d}",
        "name": name,
        "builder": company,
        "builder_credit_code": credit_code(rng),
        "town": town,
        "industry_code": industry,
        "project_type": ptype,
        "application_date": day.isoformat(),
        "total_investment_wan": investment,
        "commissioning_year": day.year + rng.randint(1, 3),
        "output_value_wan": output,
        "added_value_wan": _round(float(output) * rng.uniform(0.15, 0.4), 0),
        "employees": rng.randint(20, 2000),
        "description": f"建设{product}生产及配套设施。" if kind == "factory" else f"建设{product}及配套设施。",
    }
    if ptype in ("改建", "技术改造"):
        project["site_process_equipment_unchanged"] = rng.random() < 0.6
    data: dict[str, Any] = {"schema_version": "1", "project": project, "energy": energy_rows(rng, kind, scale)}
    if kind == "factory":
        data["products"] = [{"name": product, "capacity": _round(rng.uniform(1, 500)), "unit": cap_unit or "件",
                             "output_value_wan": output}]
    area = _round(scale * rng.uniform(50, 300), 0)
    use = {"factory": "factory", "warehouse": "warehouse", "datacentre": "factory",
           "public": rng.choice(["office_commercial", "school", "hospital", "commercial", "hotel"])}[kind]
    data["buildings"] = [{"name": "1号楼", "use_type": use, "floor_area_m2": area,
                          "roof_area_m2": _round(float(area) / rng.uniform(2, 6), 0), "new_build": ptype == "新建"}]
    pv = [r for r in data["energy"] if r.get("source") == "onsite_pv_self_use"]
    if pv:
        self_use = pv[0]["quantity"] * 10000
        data["pv"] = {"capacity_kw": _round(float(self_use) / 1000, 1), "annual_generation_kwh": _round(float(self_use) * 1.2),
                      "self_use_kwh": self_use}
    if kind == "datacentre":
        data["data_centre"] = {"racks": int(scale / 3) + 50, "it_load_kw": _round(scale * 80),
                               "design_pue": _round(rng.uniform(1.15, 1.4)), "green_power_share": _round(rng.uniform(0, 0.5))}
    return data


def to_json(data: Any) -> str:
    from reviewer.submission.parse import dumps

    return dumps(data)


def write_submissions(folder: Path, n: int, *, seed: int = 0) -> list[Path]:
    """Write ``n`` JSON submission files into ``folder`` (created); returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"submission_{i:05d}.json"
        p.write_text(to_json(make_submission(rng, i + 1)), encoding="utf-8")
        paths.append(p)
    return paths


# ---------------------------------------------------------------------------------------------------------------
# Whole archives
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class ArchiveStats:
    projects: int
    submissions: int
    assessments: int
    opinions: int
    audit_events: int
    seconds: float


def _months(start: date, end: date) -> list[date]:
    out, d = [], date(start.year, start.month, 1)
    while d <= end:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def _tiny_pdf() -> bytes:
    """A real one-page PDF (ReportLab, core font) used as the body of generated opinion rows."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawString(72, 720, "benchmark opinion placeholder - generated by bench/datagen.py")
    c.showPage()
    c.save()
    return buf.getvalue()


def _json_default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    if isinstance(o, date):
        return o.isoformat()
    raise TypeError(type(o))


class _PreSerialisedJSON(__import__("sqlalchemy").types.TypeDecorator):
    """Bind already-serialised JSON text into a JSON column (``CAST(... AS JSON)`` on PostgreSQL)."""

    from sqlalchemy import Text as impl  # noqa: N813
    cache_ok = True

    def bind_expression(self, bindvalue):  # noqa: ANN001, ANN201
        from sqlalchemy import JSON, cast

        return cast(bindvalue, JSON)


def _raw_json_table(table, dialect: str):  # noqa: ANN001, ANN202
    """A copy of ``table`` whose JSON columns accept pre-serialised text; returns (table, json column names).

    SQLite stores JSON as TEXT (a CAST to JSON there would apply NUMERIC affinity), PostgreSQL needs the CAST."""
    from sqlalchemy import Text

    from sqlalchemy import JSON, Column, MetaData, Table

    md = MetaData()
    cols, json_cols = [], []
    for c in table.columns:
        if isinstance(c.type, JSON):
            cols.append(Column(c.name, _PreSerialisedJSON() if dialect == "postgresql" else Text()))
            json_cols.append(c.name)
        else:
            cols.append(Column(c.name, c.type))
    return Table(table.name, md, *cols), json_cols


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def make_archive(url: str, n: int, *, seed: int = 0, pool: int = 240, opinions: int | None = None,
                 chunk: int = 5000, verbose: bool = False, full_share: float = 0.02) -> ArchiveStats:
    """Fill the (empty, migrated on open) archive at ``url`` with ``n`` projects; returns counts and seconds.

    Each project gets one submission (exact JSON + SHA-256), one assessment (real engine output for its pool entry),
    and one ``submission.received`` audit event chained after any events already present. ``opinions`` (default
    ``max(3, n // 500)``) approved projects also get an issued opinion row with a unique 文号 and a real PDF body.

    Rows are written in the stored form of a real import (``services.save_prepared``): the compact, compressed
    result (≈13 KB with its full explanation trace) over a shared ``rule_snapshots`` row. ``full_share`` (default
    2 %) of the rows carry it; the others keep every section (energy, findings, review, carbon …) as JSON without
    ``trace``. Pass ``full_share=1.0`` for real-size rows throughout.
    """
    from sqlalchemy import func, insert, select

    from reviewer.archive import compact
    from reviewer.archive import models as M
    from reviewer.archive.audit import GENESIS, event_hash
    from reviewer.archive.db import Archive
    from reviewer.rules.engine import assess, baseline
    from reviewer.services import canonical_data, content_hash, record_pool
    from reviewer.submission.parse import submission_from_data

    t0 = time.perf_counter()
    rng = random.Random(seed)
    archive = Archive(url)
    months = _months(date(2021, 1, 1), date(2026, 10, 1))

    # 1. The pool: distinct realistic submissions assessed by the real engine.
    pool_entries = []
    engine_failures: list[str] = []
    for k in range(pool):
        month = rng.choice(months)
        data = make_submission(rng, k, application_date=month)
        sub = submission_from_data(json.loads(to_json(data), parse_float=Decimal))
        try:
            result = assess(sub)
        except Exception as exc:  # noqa: BLE001 — an engine bug: report it loudly, keep generating
            engine_failures.append(f"{data['project']['code']} ({month}): {exc.__class__.__name__}: {exc}")
            continue
        d = json.loads(to_json(result.to_dict()))
        carbon = d.get("carbon", {}).get("total_tco2") if isinstance(d.get("carbon"), dict) else None
        review = d.get("review", {}) if isinstance(d.get("review"), dict) else {}
        slim = {k: v for k, v in d.items() if k not in ("trace", "parameters")}
        slim["parameters"] = {}
        slim["trace"] = []
        # stored as the import stores it (services.prepare): over the one pool row of the built-in parameters
        records, snap_digest, snap_blob = record_pool(baseline())
        pool_entries.append(SimpleNamespace(month=month, data=canonical_data(sub), result=d, slim=slim, carbon=carbon,
                                            level=review.get("authority"), eq=float(result.energy.equivalent_tce),
                                            ev=float(result.energy.equal_value_tce),
                                            result_z=compact.pack(compact.compact(d, records), compact.zdict_of(records)),
                                            snap_digest=snap_digest, snap_blob=snap_blob))
    if engine_failures:
        print(f"  WARNING: the rule engine raised on {len(engine_failures)} of {pool} valid generated submissions "
              f"(left out of the pool) — first: {engine_failures[0]}", file=sys.stderr)
    if not pool_entries:
        raise RuntimeError("the rule engine failed on every generated submission")
    pool = len(pool_entries)
    if verbose:
        print(f"  pool of {pool} assessed in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    # 2. Rows.
    now = datetime.now(timezone.utc)
    with archive.engine.connect() as conn:
        base_project = conn.scalar(select(func.coalesce(func.max(M.Project.id), 0)))
        base_sub = conn.scalar(select(func.coalesce(func.max(M.Submission.id), 0)))
        base_ass = conn.scalar(select(func.coalesce(func.max(M.AssessmentRow.id), 0)))
        base_op = conn.scalar(select(func.coalesce(func.max(M.Opinion.id), 0)))
        last = conn.execute(select(M.AuditEvent.id, M.AuditEvent.hash).order_by(M.AuditEvent.id.desc()).limit(1)).first()
        known = dict(conn.execute(select(M.RuleSnapshot.content_sha256, M.RuleSnapshot.id)).all())
        base_snap = conn.scalar(select(func.coalesce(func.max(M.RuleSnapshot.id), 0)))
    base_ev, prev = (last[0], last[1]) if last else (0, GENESIS)
    # The stored form of import (services.save_prepared): one rule_snapshots row per distinct parameter snapshot.
    snapshot_rows = []
    for e in pool_entries:
        if e.snap_digest not in known:
            known[e.snap_digest] = base_snap + len(snapshot_rows) + 1
            snapshot_rows.append(dict(id=known[e.snap_digest], content_sha256=e.snap_digest, data=e.snap_blob,
                                      created_at=now))
    projects, submissions, assessments, events = [], [], [], []
    result_json: dict[int, Any] = {}
    for i in range(n):
        pid, sid, aid = base_project + i + 1, base_sub + i + 1, base_ass + i + 1
        e = pool_entries[rng.randrange(pool)]
        ident = _identity(rng, base_project + i + 1, e.data["project"], e.month.replace(
            day=rng.randint(1, calendar.monthrange(e.month.year, e.month.month)[1])))
        data = dict(e.data)
        proj = dict(data["project"])
        for key in ("code", "name", "builder", "builder_credit_code", "town", "application_date", "employees",
                    "description"):
            proj[key] = ident[key]
        data["project"] = proj
        digest = content_hash(data)
        app_day = date.fromisoformat(proj["application_date"])
        at = now - timedelta(days=(date(2026, 11, 1) - app_day).days, seconds=rng.randrange(86400))
        status = rng.choice(STATUSES) if app_day < date(2026, 9, 1) else rng.choice(["received", "in_review"])
        projects.append(dict(id=pid, code=proj["code"], name=proj["name"], builder=proj["builder"], town=proj["town"],
                             industry_code=proj["industry_code"], project_type=proj["project_type"],
                             application_date=app_day, commissioning_year=proj.get("commissioning_year"),
                             status=status, review_level=e.level, equivalent_tce=e.eq, equal_value_tce=e.ev,
                             carbon_tco2=e.carbon, created_at=at, updated_at=at))
        submissions.append(dict(id=sid, project_id=pid, version=1, content_sha256=digest,
                                source_name=f"{proj['code']}.json", source_format="json", data=data, received_at=at,
                                received_by="datagen"))
        full = rng.random() < full_share
        empty: dict = {}
        assessments.append(dict(id=aid, submission_id=sid, created_at=at, regime_date=e.month,
                                engine_version=e.result["engine_version"], result=empty if full else e.slim,
                                parameters=empty, overrides=empty, equivalent_tce=e.eq,
                                equal_value_tce=e.ev, carbon_tco2=e.carbon,
                                snapshot_id=known[e.snap_digest] if full else None,
                                result_z=e.result_z if full else None))
        ev = SimpleNamespace(at=at, actor="datagen", action="submission.received", entity="submission",
                             entity_id=str(sid), reason="",
                             payload={"project_code": proj["code"], "version": 1, "sha256": digest,
                                      "source": f"{proj['code']}.json"})
        h = event_hash(prev, ev)
        events.append(dict(id=base_ev + i + 1, at=at, actor=ev.actor, action=ev.action, entity=ev.entity,
                           entity_id=ev.entity_id, reason="", payload=ev.payload, prev_hash=prev, hash=h))
        prev = h
    # Audit events must be in chronological order of id for readers; ids are assigned in generation order and
    # their timestamps are the (back-dated) receipt times, which the chain does not require to be monotonic.
    # Opinions: real 文号 format (settings' default prefix and pattern), sequences continued from the archive's own
    # doc_number_sequences, each with its ``opinion.issued`` audit event carrying the PDF SHA-256 and the row
    # fingerprint exactly as reviewer.opinion.service records them, so ``reviewer archive check`` passes.
    from reviewer.archive.docnumber import format_number
    from reviewer.archive.guard import row_fingerprint
    from reviewer.settings import Settings

    prefix = Settings().doc_number_prefix
    pattern = Settings().doc_number_pattern
    n_op = max(3, n // 500) if opinions is None else opinions
    approved = [p for p in projects if p["status"] == "approved"][:n_op]
    pdf = _tiny_pdf()
    pdf_sha = hashlib.sha256(pdf).hexdigest()
    with archive.engine.connect() as conn:
        seq_start = {y: v for y, v in conn.execute(select(M.DocNumberSequence.year, M.DocNumberSequence.last_value)
                                                   .where(M.DocNumberSequence.prefix == prefix))}
    seq_now = dict(seq_start)
    opinion_rows = []
    next_event = base_ev + len(events) + 1
    for j, p in enumerate(approved):
        issued = p["application_date"] + timedelta(days=rng.randint(10, 40))
        seq_now[issued.year] = seq_now.get(issued.year, 0) + 1
        row = dict(id=base_op + j + 1, project_id=p["id"], submission_id=p["id"] - base_project + base_sub,
                   assessment_id=p["id"] - base_project + base_ass, kind="approval",
                   doc_number=format_number(pattern, prefix, issued.year, seq_now[issued.year]),
                   version=1, supersedes_id=None, issued_on=issued, signed=False, signer="", signed_at=None,
                   pdf=pdf, sha256=pdf_sha, view_model={"project_code": p["code"], "generated_by": "bench/datagen.py"},
                   created_at=now)
        opinion_rows.append(row)
        ev = SimpleNamespace(at=now, actor="datagen", action="opinion.issued", entity="opinion",
                             entity_id=str(row["id"]), reason="审查意见",
                             payload={"project_code": p["code"], "kind": "approval", "doc_number": row["doc_number"],
                                      "sha256": pdf_sha, "signed": False, "signer": "", "supersedes": "",
                                      "fingerprint": row_fingerprint(SimpleNamespace(**row)), "font_warnings": []})
        h = event_hash(prev, ev)
        events.append(dict(id=next_event, at=now, actor=ev.actor, action=ev.action, entity=ev.entity,
                           entity_id=ev.entity_id, reason=ev.reason, payload=ev.payload, prev_hash=prev, hash=h))
        next_event += 1
        prev = h
    if verbose:
        print(f"  rows built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    # 3. Insert: Core executemany in chunks, one transaction (all or nothing). JSON columns get text serialised
    #    once per distinct value (the pool's assessment results are shared), not once per row.
    with archive.engine.begin() as conn:
        for table, rows in ((M.RuleSnapshot.__table__, snapshot_rows),
                            (M.Project.__table__, projects), (M.Submission.__table__, submissions),
                            (M.AssessmentRow.__table__, assessments), (M.Opinion.__table__, opinion_rows),
                            (M.AuditEvent.__table__, events)):
            if not rows:
                continue
            raw_table, json_cols = _raw_json_table(table, archive.engine.dialect.name)
            cache: dict[int, str] = {}
            for part in _chunks(rows, chunk):
                for row in part:
                    for col in json_cols:
                        v = row[col]
                        key = id(v)
                        if key not in cache or col == "data" or col == "payload" or col == "view_model":
                            cache[key] = json.dumps(v, ensure_ascii=False, default=_json_default)
                        row[col] = cache[key]
                conn.execute(insert(raw_table), part)
        for year, last in seq_now.items():
            if year in seq_start:
                conn.execute(M.DocNumberSequence.__table__.update()
                             .where(M.DocNumberSequence.prefix == prefix, M.DocNumberSequence.year == year)
                             .values(last_value=last))
            else:
                conn.execute(insert(M.DocNumberSequence.__table__).values(prefix=prefix, year=year, last_value=last))
    if archive.is_sqlite:
        with archive.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with archive.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    archive.dispose()
    seconds = time.perf_counter() - t0
    return ArchiveStats(len(projects), len(submissions), len(assessments), len(opinion_rows), len(events), seconds)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Generate benchmark data: an archive or JSON submissions.")
    ap.add_argument("--archive", help="database URL (e.g. sqlite:////tmp/a.sqlite3) to fill")
    ap.add_argument("--json-dir", type=Path, help="folder to write JSON submissions into")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--full-share", type=float, default=0.02, help="share of assessments stored with full trace")
    a = ap.parse_args(argv)
    if a.archive:
        s = make_archive(a.archive, a.n, seed=a.seed, verbose=True, full_share=a.full_share)
        print(f"{s.projects} projects, {s.opinions} opinions, {s.audit_events} audit events in {s.seconds:.1f} s")
    if a.json_dir:
        paths = write_submissions(a.json_dir, a.n, seed=a.seed)
        print(f"{len(paths)} submissions written to {a.json_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
