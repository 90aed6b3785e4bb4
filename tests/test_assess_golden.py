"""The ``assess --json`` format (docs/assess-format.md) is a public contract (issue 11 §5): the output of the four
demo submissions is byte-for-byte the goldens.

The goldens in ``tests/golden/assess/`` were first captured with ``reviewer assess resources/demo/<name>.json --json``
on commit a659f6b, before the assessment sections became dataclasses (they passed unchanged through that change),
then regenerated on main after the law room's corrections changed figures on purpose (37e7114). No field of that output depends on the clock; one
depends on the bytes of ``rules/`` rather than on the format: the rule pack's content hash
(``receipt.rule_pack.sha256``, changed by any edit of any file of the pack, comments included), which is masked.
When a rule or parameter changes a figure on purpose, regenerate them with
``.venv/bin/python tests/test_assess_golden.py`` and say so in the commit; a rename of a key is never such a case.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "assess"
DEMOS = ("boiler", "datacentre", "electronics", "hospital")
PACK_HASH = re.compile(r'("rule_pack": \{[^}]*?"sha256": ")[0-9a-f]{64}(")')


def _masked(text: str) -> str:
    masked, n = PACK_HASH.subn(r"\1<rule pack sha256>\2", text)
    assert n == 1, "receipt.rule_pack.sha256 not found exactly once"
    return masked


def _assess_json(name: str, home: Path) -> str:
    env = {**os.environ, "REVIEWER_HOME": str(home)}
    env.pop("REVIEWER_DATABASE_URL", None)  # an empty SQLite home: no district budget set, placeholders apply
    p = subprocess.run([sys.executable, "-m", "reviewer", "assess", str(ROOT / "resources" / "demo" / f"{name}.json"),
                        "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return p.stdout


@pytest.mark.parametrize("name", DEMOS)
def test_assess_json_is_byte_for_byte_the_golden(name, tmp_path):
    out = _assess_json(name, tmp_path / "home")
    golden = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    assert _masked(out) == _masked(golden), f"assess --json of {name} differs from tests/golden/assess/{name}.json"


if __name__ == "__main__":  # regenerate the goldens (on purpose only; see the module docstring)
    import tempfile

    for n in DEMOS:
        with tempfile.TemporaryDirectory() as d:
            (GOLDEN / f"{n}.json").write_text(_assess_json(n, Path(d) / "home"), encoding="utf-8")
