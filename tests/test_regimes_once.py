"""Regimes are described once (issue 11 §4): ``rules/regimes.toml``, read through ``reviewer/rules/reference.py``
by the rule engine and by the issued documents ([<regime>.document]); no second table under ``report_templates/``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reviewer.opinion.viewmodel import RegimeVM, regime_for
from reviewer.rules.engine import baseline
from reviewer.rules.reference import regimes

ROOT = Path(__file__).resolve().parents[1]


def test_no_second_description_of_the_regimes():
    assert not (ROOT / "report_templates" / "regimes.toml").exists()
    assert "tomllib.load" not in (ROOT / "reviewer" / "opinion" / "viewmodel.py").read_text(encoding="utf-8").split(
        "def _regime_documents")[1].split("# -- building")[0]


def test_every_regime_the_parameter_names_has_its_document_wording_with_a_source():
    ids = {str(v.value) for v in baseline().parameter("review.regime.current").values}
    assert ids == {"order44", "order2", "order31"}
    for rid in ids:
        doc = regimes()[rid]["document"]
        assert doc["source"], rid
        assert set(RegimeVM.__dataclass_fields__) - {"id"} <= set(doc), rid


# Boundaries of review.regime.current (rules/parameters/review/regime.toml): 令第44号 from 2017-01-01, 令第2号 from
# 2023-06-01 (its 附则), 令第31号 from 2025-09-01 (令第31号 第三十四条); before the first: the current regime.
@pytest.mark.parametrize("day,rid", [
    ("2016-12-31", "order31"), ("2017-01-01", "order44"), ("2023-05-31", "order44"), ("2023-06-01", "order2"),
    ("2025-08-31", "order2"), ("2025-09-01", "order31"),
])
def test_regime_in_force_on_either_side_of_each_boundary(day, rid):
    assert regime_for({"regime_date": day}).id == rid


def test_the_engine_named_regime_wins_and_its_wording_is_printed():
    vm = regime_for({"review": {"regime": "order2"}, "regime_date": "2026-01-05"})
    assert (vm.id, vm.label, vm.correction_clause, vm.correction_period) == (
        "order2", "国家发展改革委令2023年第2号", "第十二条", "5日")  # 令第2号 第十二条 (domain-rules.md §1.2)
    vm = regime_for({}, date(2026, 6, 5))
    assert (vm.id, vm.validity_clause, vm.correction_period) == ("order31", "第十九条", "5个工作日")  # 令第31号
