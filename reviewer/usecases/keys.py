"""Use cases of the office identity and signing keys: first-run set-up, issue, import, list, revoke.

The workbench's first-run dialog, the 出具意见 step and the settings dialog call these; the cryptography lives in
:mod:`reviewer.signing.identities`. Passphrases pass through as bytes and are never stored (keys are PKCS#12 files
encrypted with them, 0600 in ``$REVIEWER_HOME/keys``). Settings changes are saved to ``settings.json`` and returned
in the result's ``value`` so the edge can replace its copy.
"""

from __future__ import annotations

import dataclasses
import string
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reviewer.errors import UserError
from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.usecases.base import Change, Context, Result

OFFICE_LEVELS = {"district": ("区级", "district"), "municipal": ("市级", "municipal"),
                 "provincial": ("省级", "provincial"), "national": ("国家级", "national")}


# -- state ------------------------------------------------------------------------------------------------------------
def certificate_ready(settings: Settings) -> bool:
    """A configured signing certificate that is still in place."""
    return bool(settings.certificate_path) and Path(settings.certificate_path).is_file()


def needs_first_run(settings: Settings) -> bool:
    """No office identity (reviewer name) or no signing certificate configured yet."""
    return not settings.reviewer_name.strip() or not certificate_ready(settings)


def passphrase_strength(passphrase: str) -> tuple[int, str, str]:
    """(score 0–4, Chinese label, English label): length and character classes; shown, never enforced beyond 8."""
    classes = sum(any(c in group for c in passphrase) for group in
                  (string.ascii_lowercase, string.ascii_uppercase, string.digits))
    classes += any(not c.isascii() or c in string.punctuation or c == " " for c in passphrase)
    n = len(passphrase)
    score = 0 if n < 8 else 1 + (n >= 12) + (classes >= 3) + (n >= 16 and classes >= 2)
    labels = [("太短（至少8位）", "too short (8+ characters)"), ("弱", "weak"), ("一般", "fair"), ("较强", "good"),
              ("强", "strong")]
    zh, en = labels[min(score, 4)]
    return min(score, 4), zh, en


MIN_PASSPHRASE = 8


def _check_passphrase(passphrase: str, repeat: str) -> bytes:
    if passphrase != repeat:
        raise UserError("两次输入的口令不一致。", "The passphrases do not match.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError(f"口令至少 {MIN_PASSPHRASE} 位。", f"The passphrase needs at least {MIN_PASSPHRASE} characters.")
    return passphrase.encode("utf-8")


# -- office -----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class OfficeRequest:
    commission_name: str
    office_level: str
    doc_number_prefix: str
    doc_number_pattern: str
    time_zone: str
    reviewer_name: str


def set_office(ctx: Context, *, request: OfficeRequest) -> Result[Settings]:
    """Record the office identity in the settings (validated first; nothing saved on a bad field)."""
    r = request
    if not r.commission_name.strip():
        raise UserError("请填写发文机关全称。", "The issuing authority's name is required.")
    if not r.reviewer_name.strip():
        raise UserError("请填写审查人员姓名。", "The reviewer's name is required.")
    if r.office_level not in OFFICE_LEVELS:
        raise UserError(f"未知的审查机关层级：{r.office_level}", f"Unknown office level: {r.office_level}")
    if "{n}" not in r.doc_number_pattern or "{year}" not in r.doc_number_pattern:
        raise UserError("文号格式须包含 {year} 和 {n}，例：{prefix}〔{year}〕{n}号。",
                        "The document-number pattern needs {year} and {n}.")
    try:
        ZoneInfo(r.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"未知的时区：{r.time_zone}（例：Asia/Shanghai）", f"Unknown time zone: {r.time_zone}") from None
    s = dataclasses.replace(ctx.settings, commission_name=r.commission_name.strip(), office_level=r.office_level,
                            doc_number_prefix=r.doc_number_prefix.strip(), doc_number_pattern=r.doc_number_pattern,
                            time_zone=r.time_zone, reviewer_name=r.reviewer_name.strip())
    s.extra = dict(ctx.settings.extra)
    s.save()
    return Result(s, frozenset({Change.SETTINGS}))


# -- keys -------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class CreateIdentityRequest:
    """Create the office's CA when absent and issue the reviewer's certificate; both encrypted with the passphrase."""

    reviewer_name: str
    passphrase: str
    repeat: str
    ca_passphrase: str = ""  # blank: the CA is new and takes the same passphrase


def _use_certificate(ctx: Context, path: Path | None) -> Settings:
    s = dataclasses.replace(ctx.settings, certificate_path=str(path) if path else "")
    s.extra = dict(ctx.settings.extra)
    s.save()
    return s


def create_identity(ctx: Context, *, request: CreateIdentityRequest) -> Result[Settings]:
    pw = _check_passphrase(request.passphrase, request.repeat)
    has_ca = (identities.keys_dir() / identities.AUTHORITY_P12).exists()
    ca_pw = request.ca_passphrase.encode("utf-8") if request.ca_passphrase else pw
    if not has_ca:
        identities.init_authority(ctx.settings.commission_name, ca_pw)
    elif not request.ca_passphrase:
        raise UserError("本机已有证书颁发机构，请输入其口令以签发新证书。",
                        "A local CA exists; enter its passphrase to issue a certificate.")
    path = identities.issue(request.reviewer_name, ca_pw, pw, organisation=ctx.settings.commission_name)
    return Result(_use_certificate(ctx, path), frozenset({Change.KEYS, Change.SETTINGS}))


@dataclass(frozen=True, kw_only=True)
class ImportIdentityRequest:
    file: Path
    passphrase: str


def import_identity(ctx: Context, *, request: ImportIdentityRequest) -> Result[Settings]:
    path = identities.import_p12(request.file, request.passphrase.encode("utf-8"))
    return Result(_use_certificate(ctx, path), frozenset({Change.KEYS, Change.SETTINGS}))


@dataclass(frozen=True, kw_only=True)
class IssueRequest:
    name: str
    ca_passphrase: str
    passphrase: str
    repeat: str


def issue_certificate(ctx: Context, *, request: IssueRequest) -> Result[Path]:
    """Issue another reviewer's certificate from the local CA (it is not made the configured one)."""
    pw = _check_passphrase(request.passphrase, request.repeat)
    path = identities.issue(request.name, request.ca_passphrase.encode("utf-8"), pw,
                            organisation=ctx.settings.commission_name)
    return Result(path, frozenset({Change.KEYS}))


def list_keys(ctx: Context) -> Result[list[identities.KeyInfo]]:
    return Result(identities.list_identities())


@dataclass(frozen=True, kw_only=True)
class RevokeRequest:
    file: str
    reason: str


def revoke_certificate(ctx: Context, *, request: RevokeRequest) -> Result[Settings]:
    """Withdraw a certificate; when it is the configured one the settings forget it (first run offers a new one)."""
    identities.revoke(request.file, request.reason, when=ctx.now())
    s = ctx.settings
    if s.certificate_path and Path(s.certificate_path).name == Path(request.file).name:
        s = _use_certificate(ctx, None)
    return Result(s, frozenset({Change.KEYS, Change.SETTINGS}))
