"""bench/datagen.py produces archives the application accepts as its own: ``reviewer archive check`` passes, every
stored submission re-reads through the real reader with a matching SHA-256, and issuing a real opinion afterwards
continues the 文号 sequence. Run on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest
from proof_helpers import assert_units_complete, snapshot
from sqlalchemy import select

from reviewer.archive import models as M
from reviewer.archive.db import Archive
from reviewer.signing.verify import verify_bytes
from reviewer.services import content_hash
from reviewer.submission.parse import submission_from_data

pytestmark = pytest.mark.timeout(300)


def test_generated_submissions_pass_the_reader():
    import datagen

    rng = random.Random(2)
    for i in range(200):
        data = datagen.make_submission(rng, i)
        submission_from_data(json.loads(datagen.to_json(data), parse_float=Decimal))


def test_make_archive_is_accepted_by_archive_check(db_url):  # noqa: ANN001
    import datagen
    from reviewer.archive.check import check_archive

    stats = datagen.make_archive(db_url, 600, seed=5, opinions=4, full_share=0.1)
    assert (stats.projects, stats.submissions, stats.assessments, stats.opinions) == (600, 600, 600, 4)
    assert stats.audit_events == 604
    stats2 = datagen.make_archive(db_url, 100, seed=6, opinions=2)  # appends after existing rows and chain
    assert stats2.projects == 100
    a = Archive(db_url)
    try:
        rep = check_archive(a, verify=verify_bytes)
        assert rep.ok, [p.message_zh for p in rep.problems]
        counts, _ = snapshot(a)
        assert counts == (700, 700, 700, 6, 706)
        assert_units_complete(a)
        with a.read() as s:
            for row in s.scalars(select(M.Submission).order_by(M.Submission.id).limit(50)):
                assert content_hash(row.data) == row.content_sha256
                sub = submission_from_data(json.loads(json.dumps(row.data), parse_float=Decimal))
                assert sub.project.code == row.project.code
            numbers = s.scalars(select(M.Opinion.doc_number)).all()
            assert len(set(numbers)) == len(numbers)
            seqs = {(q.prefix, q.year): q.last_value for q in s.scalars(select(M.DocNumberSequence))}
        assert sum(seqs.values()) == 6
    finally:
        a.dispose()
