"""The body of the 验收意见 (acceptance opinion) for a recorded acceptance, from its comparison.

It is issued by the use case :func:`reviewer.usecases.ledger.record_acceptance` (or ``issue_acceptance_document``)
with ``kind="acceptance"``, so it gets a 文号, the PAdES signature, the archive row and the audit event exactly like
a 审查意见 — in the same transaction as the acceptance record it belongs to.
"""

from __future__ import annotations

from typing import Any

from reviewer.archive.models import LedgerAcceptance, Opinion
from reviewer.rules.ledger import CONSEQUENCE_LABELS


UNITS_ZH = {"tce": "吨标准煤", "tCO2": "吨二氧化碳"}


def _num(v: Any, digits: int = 2) -> str:
    return "—" if v is None else f"{v:,.{digits}f}"


def _unit(u: str) -> str:
    """Units as official documents write them (吨标准煤, 吨二氧化碳, 千克标准煤/万只 …)."""
    return UNITS_ZH.get(u, u.replace("kgce/", "千克标准煤/").replace("kgCO2/", "千克二氧化碳/"))


def unverified_parameters(acc: LedgerAcceptance) -> list[tuple[str, str]]:
    """(id, label) of the comparison's parameters not verified against the official text (e.g. an older regime's
    10 % rule): the signed 验收意见 prints them only after the reviewer confirms them (corrections.md F)."""
    return [(str(p.get("id", "")), str(p.get("label", ""))) for p in acc.comparison.get("parameters", [])
            if not p.get("verified")]


def acceptance_sections(acc: LedgerAcceptance, opinion: Opinion, *, confirmed: bool = False) -> list[Any]:
    """The sections; ``confirmed``: the reviewer confirmed the unverified parameters (printed “经审查人员确认”),
    otherwise they are marked “（未核实）” — a draft mark no signed document may carry (signed_text.toml)."""
    from reviewer.opinion.viewmodel import SectionVM

    comp = acc.comparison
    rows = comp["rows"]
    approved = [r for r in rows if r["approved"] is not None]
    vm_caps = [c for c in ((opinion.view_model or {}).get("caps") or []) if c.get("kind", "max") != "text"]
    if vm_caps:  # the caps exactly as the approved opinion set them (corrections.md F: reused at acceptance)
        caps = "，".join(f"{c['label']}{'不低于' if c.get('kind') == 'min' else '不高于'}"
                         f"{_num(c['value'], int(c.get('decimals', 2)))}{_unit(c.get('unit', ''))}" for c in vm_caps)
    else:
        caps = "，".join(f"{r['label']}不高于{_num(r['approved'])}{_unit(r['unit'])}" for r in approved
                        if r["metric"] in ("energy_equivalent", "energy_equal_value", "carbon"))
    s1 = SectionVM("项目批复情况", [
        f"该项目于{opinion.issued_on.year}年{opinion.issued_on.month}月{opinion.issued_on.day}日取得节能审查意见"
        f"（{opinion.doc_number}）" + (f"，批复{caps}。" if caps else "。")])
    lines = []
    for r in rows:
        if r["approved"] is None or r["actual"] is None:
            continue
        pct = float(r["overrun_pct"])
        trend = f"超出批复水平{pct:.2f}%" if pct > 0 else (f"低于批复水平{-pct:.2f}%" if pct < 0 else "与批复水平持平")
        scope = "" if r["covered"] else "（不适用超限规定，仅作对比）"
        u = _unit(r["unit"])
        lines.append(f"{r['label']}：批复{_num(r['approved'])}{u}，实际{_num(r['actual'])}{u}，{trend}{scope}。")
    s2 = SectionVM("实际能源消费和碳排放核验情况", lines or ["未提供可比较的实际数据。"])
    if acc.outcome == "overrun":
        over = "、".join(r["label"] for r in rows if r["triggered"])
        edge = "超过批复水平10%及以上" if comp["comparison"] == "ge" else f"高于批复水平{comp['threshold_pct']}%"
        if acc.consequence == "change_request":
            tail = "你单位应向我委提交变更申请，经同意变更或重新审查后方可投入生产、使用。"
        else:
            tail = "责令你单位限期整改，整改完成后重新申请节能审查验收；逾期不整改或整改不到位的，依法予以处理。"
        s3 = SectionVM("验收结论", [f"项目{over}{edge}，根据{comp['regime']}的有关规定，{tail}"])
    else:
        s3 = SectionVM("验收结论", ["项目实际能源消费和碳排放情况与节能审查意见基本相符，未超过批复水平"
                                    f"{comp['threshold_pct']}%，节能审查验收合格。"])
    mark = "（经审查人员确认）" if confirmed else "（未核实）"
    basis = [f"{comp['rule']}（后果：{CONSEQUENCE_LABELS[acc.consequence or ''][0]}）。"]
    for p in comp.get("parameters", []):
        src = p["source"]
        basis.append(f"{p['label']}：{p['value']}{'' if p['unit'] in ('—', '') else p['unit']}，依据{src['issuer']}"
                     f"《{src['document']}》{src['clause']}{'' if p['verified'] else mark}。")
    s4 = SectionVM("核验依据", basis)
    return [s1, s2, s3, s4]
