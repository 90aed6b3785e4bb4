"""Form version 3 (corrections.md E4/E5 fields) keeps version-1 and version-2 submissions readable."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.intake.layout import layout
from reviewer.submission.parse import submission_from_data
from reviewer.submission.spec import spec

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


def test_current_form_is_3_and_older_versions_are_accepted():
    assert spec().version == "3"
    assert spec().accepted_versions == ("1", "2", "3")
    # each older version has its own file, so its workbooks are read with their own layout
    assert layout("2").fingerprint != layout().fingerprint
    v2_keys = {f.key for f in spec("2").section("data_centre").fields}
    assert "rack_utilisation" not in v2_keys and "rack_utilisation" in {f.key for f in spec().section("data_centre").fields}


def test_version_2_json_still_reads_and_new_fields_default():
    data = json.loads((DEMO / "datacentre.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == "2"
    sub = submission_from_data(data)
    assert sub.data_centre is not None
    assert sub.data_centre.intelligent_computing is False and sub.data_centre.rack_utilisation is None
    assert all(b.renewable_other == "" for b in sub.buildings)


def test_version_3_json_carries_the_new_fields():
    data = json.loads((DEMO / "datacentre.json").read_text(encoding="utf-8"))
    data["schema_version"] = "3"
    data["data_centre"].update(intelligent_computing=True, rack_utilisation=0.65, compute_pflops=500)
    data["buildings"][0]["renewable_other"] = "地源热泵"
    sub = submission_from_data(data)
    assert sub.data_centre.intelligent_computing is True and str(sub.data_centre.rack_utilisation) == "0.65"
    assert sub.buildings[0].renewable_other == "地源热泵"
