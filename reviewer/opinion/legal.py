"""What the law lets this office sign: competence and confirmations, as pure functions (no archive, no I/O).

Given the document kind, the assessment, the office the app serves and the reviewer's confirmations, :func:`blockers`
returns everything that stands between the reviewer and a signed document:

- **Competence** (令第31号 第八条、第九条; 沪府规〔2022〕13号 市、区分级): an approval or rejection is issued only by
  the body the engine names in ``review.authority``. Outside the office's competence the reviewer can instead issue a
  不予受理告知书 (``referral``) under 《中华人民共和国行政许可法》第三十二条第一款第（二）项 naming the competent body
  (第（一）项 when the project needs no separate review, 令第31号 第八条 exemption).
- **Authority on an unverified parameter**: signing needs ``confirm_authority`` (a reason), recorded in the audit
  chain, never printed (corrections.md A4; issue 13 item 1). The same for exemption results.
- **Unverified parameters the document relies on**: signing needs ``confirm_unverified`` (a reason) listing them
  (corrections.md F: “What is unverified is confirmed by the reviewer before signing (audited), or left out”).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

# Kinds that decide the application (the competent body's act): 令第31号 第十七条.
DECIDING_KINDS = ("approval", "rejection")
# Kinds whose text rests on the engine's authority result.
AUTHORITY_KINDS = ("approval", "rejection", "referral")
# Kinds that set figures computed from parameters (the caps of 令第31号 第十七条). A signed 验收意见 / 同意变更 without
# the confirmation leaves its 计算依据 appendix out instead (service.py): the figure is left out, not stated as fact.
FIGURE_KINDS = ("approval",)

LEVEL_LABELS = {"district": "区级节能审查机关", "municipal": "市级（省级）节能审查机关", "ndrc": "国家发展改革委",
                "none": "不单独进行节能审查"}

# 《中华人民共和国行政许可法》第三十二条第一款
REFERRAL_CLAUSE_NO_PERMIT = "《中华人民共和国行政许可法》第三十二条第一款第（一）项"
REFERRAL_CLAUSE_OTHER_BODY = "《中华人民共和国行政许可法》第三十二条第一款第（二）项"


@dataclass(frozen=True)
class Office:
    """The office the app serves (settings ``office_level``, ``office_name``, ``time_zone``)."""

    level: str = "district"  # district | municipal
    name: str = "松江区发展和改革委员会"
    time_zone: str = "Asia/Shanghai"

    @classmethod
    def from_settings(cls, settings: Any) -> "Office":
        return cls(level=getattr(settings, "office_level", "") or "district",
                   name=getattr(settings, "office_name", "") or cls.name,
                   time_zone=getattr(settings, "time_zone", "") or cls.time_zone)


@dataclass(frozen=True)
class Confirmations:
    """The reviewer's explicit confirmations with their reasons (empty = not given)."""

    authority: str = ""
    unverified: str = ""


@dataclass(frozen=True)
class Blocker:
    code: str  # outside_competence | inside_competence | confirm_authority | confirm_unverified
    message_zh: str
    message_en: str
    items: tuple[str, ...] = ()
    refusal: bool = False  # True: no confirmation can lift it

    def text(self) -> str:
        return self.message_zh + (("\n" + "\n".join(f"  - {i}" for i in self.items)) if self.items else "")


@dataclass(frozen=True)
class Competence:
    authority: str  # district | municipal | ndrc | none
    authority_label: str
    basis: tuple[str, ...]
    within: bool
    unverified: tuple[str, ...] = ()

    @property
    def exempt(self) -> bool:
        return self.authority == "none"


@dataclass
class Clearance:
    """The result of the checks: blockers (empty = may proceed) and what was confirmed (for the audit chain)."""

    competence: Competence
    blockers: list[Blocker] = field(default_factory=list)
    confirmed: dict[str, Any] = field(default_factory=dict)
    unverified_parameters: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.blockers


def _review(assessment: dict[str, Any]) -> dict[str, Any]:
    r = assessment.get("review")
    return r if isinstance(r, dict) else {}


def _param_label(assessment: dict[str, Any], pid: str) -> str:
    p = (assessment.get("parameters") or {}).get(pid) or {}
    label = p.get("label") if isinstance(p, dict) else ""
    return f"{label}（{pid}）" if label else pid


def _authority_unverified_fallback(r: dict[str, Any], authority: str) -> list[str]:
    """Until ``review.authority_unverified`` exists: a municipal/national result resting on a verified national test
    that is met (令第31号 第八条 10000 tce / 第九条) needs no confirmation; otherwise every unverified parameter of the
    review tests (e.g. the 市、区分级界限, corrections.md A4) and of ``review.unverified`` is what it rests on."""
    tests = [t for t in r.get("tests") or [] if isinstance(t, dict)]
    if authority in ("municipal", "ndrc") and any(
            t.get("met") and t.get("verified") and str(t.get("id", "")).startswith(("provincial_", "ndrc_"))
            for t in tests):
        return []
    return sorted({str(u) for u in r.get("unverified") or []}
                  | {str(t.get("parameter")) for t in tests if not t.get("verified", True) and t.get("parameter")})


def competence(assessment: dict[str, Any], office: Office) -> Competence:
    """The engine's authority result compared with the office (令第31号 第八条、第九条; 沪府规〔2022〕13号)."""
    r = _review(assessment)
    authority = str(r.get("authority") or "")
    # Room law adds ``review.authority_unverified`` (the parameters the authority itself rests on); until then the
    # review module's whole ``unverified`` list is what the authority result depends on.
    if "authority_unverified" in r:
        unverified = r.get("authority_unverified") or []
    else:
        unverified = _authority_unverified_fallback(r, authority)
    return Competence(authority=authority, authority_label=str(r.get("authority_label") or LEVEL_LABELS.get(authority, authority)),
                      basis=tuple(str(b) for b in r.get("authority_basis") or []), within=authority == office.level,
                      unverified=tuple(str(u) for u in unverified))


def clearance(kind: str, assessment: dict[str, Any], office: Office, confirmations: Confirmations, *,
              signing: bool, relied_unverified: list[str] | None = None) -> Clearance:
    """Everything that blocks issuing ``kind`` now; ``relied_unverified``: the unverified parameter ids the document
    would print (from the view-model), which need ``confirmations.unverified`` before signing."""
    comp = competence(assessment, office)
    out = Clearance(competence=comp)
    if not comp.authority:
        return out  # no review result (e.g. a document outside the review, or an assessment without it)
    if kind in DECIDING_KINDS and not comp.within:
        body = comp.authority_label
        if comp.exempt:
            zh = (f"该项目依评估结果不单独进行节能审查（{'；'.join(comp.basis) or '令第31号 第八条'}），本机关不得出具"
                  f"{'审查意见' if kind == 'approval' else '不予通过意见'}；可出具不予受理告知书（--kind referral，"
                  f"{REFERRAL_CLAUSE_NO_PERMIT}）。未使用文号，未归档。")
            en = "The project needs no separate review; issue a referral (--kind referral) instead. Nothing was issued."
        else:
            zh = (f"该项目应由{body}审查（{'；'.join(comp.basis) or '令第31号 第八条'}），超出本机关（{office.name}，"
                  f"{LEVEL_LABELS.get(office.level, office.level)}）的审查权限，不得出具"
                  f"{'审查意见' if kind == 'approval' else '不予通过意见'}。可出具不予受理告知书并告知向{body}申请"
                  f"（--kind referral，{REFERRAL_CLAUSE_OTHER_BODY}）。未使用文号，未归档。")
            en = (f"Outside this office's competence: the competent body is {body}. Issue a referral (--kind referral) "
                  f"instead. No document number was used, nothing was archived.")
        out.blockers.append(Blocker("outside_competence", zh, en, refusal=True))
        return out
    if kind == "referral" and comp.within:
        out.blockers.append(Blocker(
            "inside_competence",
            f"该项目依评估结果由本机关（{comp.authority_label}）审查，不得以不予受理告知书推给其他机关"
            f"（{REFERRAL_CLAUSE_OTHER_BODY}仅适用于不属于本机关职权范围的申请）。",
            "The project is within this office's competence; a referral is not allowed.", refusal=True))
        return out
    if not signing:
        return out
    if kind in AUTHORITY_KINDS and comp.unverified:
        items = tuple(_param_label(assessment, u) for u in comp.unverified)
        if confirmations.authority.strip():
            out.confirmed["authority"] = {"reason": confirmations.authority.strip(), "parameters": list(comp.unverified),
                                          "authority": comp.authority, "authority_label": comp.authority_label}
        else:
            what = "不单独进行节能审查的结论" if comp.exempt else f"审查机关（{comp.authority_label}）"
            out.blockers.append(Blocker(
                "confirm_authority",
                f"{what}依据未核实的参数，签发前须由审查人员确认并写明理由（--confirm-authority 理由），"
                f"确认记入审计链、不印入文书：",
                "The authority rests on unverified parameters; confirm with --confirm-authority REASON.", items))
    relied = sorted(set(relied_unverified or [])) if kind in FIGURE_KINDS else []
    out.unverified_parameters = relied
    if relied:
        items = tuple(_param_label(assessment, u) for u in relied)
        if confirmations.unverified.strip():
            out.confirmed["unverified"] = {"reason": confirmations.unverified.strip(), "parameters": relied}
        else:
            out.blockers.append(Blocker(
                "confirm_unverified",
                f"文书采用了{len(relied)}项未核实的参数，签发前须由审查人员逐项确认并写明理由（--confirm-unverified 理由）；"
                f"确认后附件中注明“经审查人员确认”：",
                f"The document relies on {len(relied)} unverified parameters; confirm with --confirm-unverified REASON.",
                items))
    return out


def refusal_message(c: Clearance) -> tuple[str, str]:
    """One Chinese-first message for all blockers of ``c``."""
    return ("\n".join(b.text() for b in c.blockers), " ".join(b.message_en for b in c.blockers))


@dataclass(frozen=True)
class DraftMark:
    """A mark of draft material found in the text of a document about to be signed (corrections.md F)."""

    text: str     # the forbidden text (report_templates/signed_text.toml)
    why: str      # why it may not be signed
    context: str  # the words around it, as printed


_TAG = re.compile(r"<[^>]+>")


def draft_marks(markup: str, forbidden: Sequence[tuple[str, str]], applicant_text: Sequence[str] = (),
                context: int = 14) -> list[DraftMark]:
    """Every forbidden text in the printed words of ``markup`` (tags removed), outside the applicant's own words.

    ``applicant_text``: strings of the submission (project name, builder, descriptions), printed as the applicant
    wrote them; a project named “…草稿…” is not a draft. One mark per forbidden text (its first occurrence)."""
    text = html.unescape(_TAG.sub("", markup))
    for own in sorted({a for a in applicant_text if a and len(a) >= 2}, key=len, reverse=True):
        text = text.replace(own, "　")
    out = []
    for word, why in forbidden:
        i = text.find(word)
        if i >= 0:
            snippet = text[max(0, i - context): i + len(word) + context].replace("\n", " ").strip()
            out.append(DraftMark(word, why, snippet))
    return out


def draft_refusal(marks: Sequence[DraftMark], kind_label: str) -> tuple[str, str]:
    """The Chinese-first refusal for :func:`draft_marks`' findings."""
    zh = (f"待签发的{kind_label}含有草稿材料，未签发（未使用文号，未归档）：\n" +
          "\n".join(f"  · “{m.text}”：{m.why}（原文：…{m.context}…）" for m in marks))
    en = (f"The {kind_label} to be signed contains draft material ({', '.join(repr(m.text) for m in marks)}); "
          "nothing was signed, numbered or archived.")
    return zh, en
