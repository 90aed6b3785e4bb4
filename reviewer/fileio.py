"""Writing user-chosen output files: atomically (a ``.part`` file renamed into place), with a clear message."""

from __future__ import annotations

import os
from pathlib import Path

from reviewer.errors import UserError


def write_atomically(path: Path, data: bytes, *, archived: bool = False) -> None:
    """Write ``data`` to ``path`` so a reader never sees a half-written file.

    ``archived`` says the content is already safe in the archive (the message then says it can be exported again).
    """
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        note_zh = "（文书已存入档案库，可重新导出）" if archived else ""
        note_en = " (the document is archived and can be exported again)" if archived else ""
        raise UserError(f"无法写入 {path}：{exc.strerror}{note_zh}。", f"Cannot write {path}: {exc.strerror}{note_en}.") from None
