"""Reviewer settings, declared once and typed.

Preferences live in ``$REVIEWER_HOME/settings.json`` so the CLI and the UI share them (the UI keeps only window
state in QSettings). Each field carries its Chinese and English label for the settings dialog. Unknown keys in the
file are kept untouched; a malformed file is reported, never silently replaced.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from reviewer.errors import UserError
from reviewer.paths import home


def _f(default: Any, label: str, label_en: str, **extra: Any) -> Any:
    return field(default=default, metadata={"label": label, "label_en": label_en, **extra})


@dataclass
class Settings:
    reviewer_name: str = _f("", "审查人员姓名", "Reviewer name")
    reviewer_title: str = _f("", "审查人员职务", "Reviewer title")
    commission_name: str = _f("上海市松江区发展和改革委员会", "发文机关全称", "Issuing authority")
    # 令第31号 第5条: the review authority's level decides which projects it may review (district by default).
    office_level: str = _f("district", "审查机关层级", "Office level",
                           choices=("district", "municipal", "provincial", "national"))
    time_zone: str = _f("Asia/Shanghai", "时区", "Time zone", help="IANA 时区名，例：Asia/Shanghai")
    doc_number_prefix: str = _f("松发改能审", "文号机关代字", "Document-number prefix")
    doc_number_pattern: str = _f("{prefix}〔{year}〕{n}号", "文号格式", "Document-number pattern",
                                 help="可用 {prefix} {year} {n}；例：松发改能审〔2026〕12号")
    office_level: str = _f("district", "本机关审查层级", "Office level (district | municipal)",
                           choices=("district", "municipal"),
                           help="与评估得出的审查机关比较（令第31号 第八条；沪府规〔2022〕13号）/ compared with the engine's authority")
    office_name: str = _f("松江区发展和改革委员会", "本机关名称（审查机关）", "Office (reviewing body) name")
    time_zone: str = _f("Asia/Shanghai", "本机关时区（成文日期、有效期、签名时间）", "Office time zone")
    certificate_path: str = _f("", "签名证书（PKCS#12）", "Signing certificate (PKCS#12)")
    timestamp_url: str = _f("", "时间戳服务地址（可选）", "Timestamp server URL (optional)")
    database_url: str = _f("", "档案库地址（留空为本机 SQLite）", "Archive URL (blank = local SQLite)")
    default_factor_basis: str = _f("", "默认电力排放因子口径（留空用规则默认）", "Default electricity factor basis")
    regime_date: str = _f("", "规则适用日期（留空按申请日期）", "Regime date (blank = application date)")
    language: str = _f("zh_CN", "界面语言", "Language", choices=("zh_CN", "en"))
    user_template_dir: str = _f("", "自定义模板目录", "User template folder")
    extra: dict[str, Any] = field(default_factory=dict, repr=False, metadata={"hidden": True})

    @staticmethod
    def path() -> Path:
        return home() / "settings.json"

    @classmethod
    def load(cls) -> "Settings":
        p = cls.path()
        if not p.exists():
            return cls()
        try:
            raw = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            raise UserError(f"设置文件 {p} 已损坏，请修正或删除后重试。", f"Settings file {p} is malformed.") from None
        known = {f.name for f in fields(cls) if f.name != "extra"}
        s = cls(**{k: v for k, v in raw.items() if k in known and isinstance(v, str)})
        s.extra = {k: v for k, v in raw.items() if k not in known}
        return s

    def save(self) -> None:
        data = {k: v for k, v in asdict(self).items() if k != "extra"}
        data.update(self.extra)
        p = self.path()
        tmp = p.with_suffix(".tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
        os.replace(tmp, p)

    @classmethod
    def declared(cls) -> list[tuple[str, dict[str, Any]]]:
        """(name, metadata) of every user-visible setting, in declaration order (drives the settings dialog)."""
        return [(f.name, dict(f.metadata)) for f in fields(cls) if not f.metadata.get("hidden")]
