"""User-facing errors: Chinese first, English second, never a traceback.

Every failure a user can cause is raised as :class:`UserError` (or a subclass) carrying both languages and an exit
code. The CLI and the UI print :meth:`UserError.text`; programming errors are logged, and the user sees a generic
message with the log location.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One finding about bad input: where it is, what rule it broke, what was expected and found."""

    rule: str
    message_zh: str
    message_en: str
    severity: str = "error"  # "error" | "warning"
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    field: str | None = None
    expected: str | None = None
    found: str | None = None

    def location(self) -> str:
        parts = [p for p in (self.file, self.sheet, self.cell) if p]
        where = " / ".join(parts)
        if self.field:
            where = f"{where} [{self.field}]" if where else f"[{self.field}]"
        return where

    def text(self, lang: str = "zh") -> str:
        msg = self.message_zh if lang == "zh" else self.message_en
        where = self.location()
        sev = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}[
            "zh" if lang == "zh" else "en"
        ][self.severity]
        return f"{sev} {self.rule} {where}: {msg}" if where else f"{sev} {self.rule}: {msg}"

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class UserError(Exception):
    """An error caused by input or environment, explained to the user in Chinese then English."""

    message_zh: str
    message_en: str = ""
    exit_code: int = 2
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message_zh)

    def text(self, lang: str = "zh") -> str:
        if lang == "en":
            return self.message_en or self.message_zh
        return f"{self.message_zh}\n{self.message_en}" if self.message_en else self.message_zh


class ValidationFailed(UserError):
    """Input was read but breaks one or more rules; ``problems`` lists every one of them."""
