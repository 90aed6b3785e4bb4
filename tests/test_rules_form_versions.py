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
    data["schema_version"] = "2"  # a version-2 file has none of the version-3 fields
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


def test_a_version_2_workbook_still_reads_with_its_own_layout():
    """A workbook filled from the version-2 template (cells placed by the v2 layout) is read with that layout."""
    import io

    from reviewer.intake.reader import read_workbook
    from reviewer.intake.template import TemplateWriter
    from reviewer.submission.parse import load_json

    sub = load_json(DEMO / "datacentre.json")
    writer = TemplateWriter(sub)
    writer.lay = layout("2")  # the version-2 template's layout: no version-3 columns or rows
    buf = io.BytesIO()
    writer.build().save(buf)
    r = read_workbook(buf.getvalue(), "v2.xlsx")
    assert r.ok, [p.text() for p in r.problems]
    assert r.submission.schema_version == "2"
    assert r.submission.energy == sub.energy and r.submission.buildings == sub.buildings
    assert r.submission.data_centre == sub.data_centre  # the new fields at their defaults on both sides
