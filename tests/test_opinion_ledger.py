"""Signing an approval draws on the district ledger in the same unit of work; an unsigned draft does not, and a
superseding signed approval moves the entry to the new 文号 (one active entry per project)."""

from __future__ import annotations

from sqlalchemy import select

from reviewer.archive.models import LedgerEntry, Project
from reviewer.demo import seed_demo
from reviewer.ledger.entries import ACTIVE, active_entry
from reviewer.usecases.opinions import issue_document
from reviewer.signing import identities
from reviewer.signing.signer import Pkcs12Signer
from reviewer.opinion.legal import Confirmations

# The reviewer confirms the authority and the unverified parameters (令第31号 第八条; corrections.md F, A4).
CONFIRMED = Confirmations(authority="测试：分级界限已核对", unverified="测试：参数已核对")

CODE = "2026-310117-39-03-000202"  # electronics demo: 5161.80 tce 当量值, commissioning 2028


def _signer():
    identities.init_authority("上海市松江区发展和改革委员会", b"ca")
    return Pkcs12Signer(identities.issue("李审查", b"ca", b"pw"), b"pw")


def _project_id(archive) -> int:
    with archive.read() as s:
        return s.scalar(select(Project.id).where(Project.code == CODE))


def test_signed_approval_draws_on_the_ledger(any_archive):
    seed_demo(any_archive)
    pid = _project_id(any_archive)
    issue_document(any_archive, CODE, "approval", actor="李审查")  # unsigned draft: no draw
    with any_archive.read() as s:
        assert active_entry(s, pid) is None
    doc = issue_document(any_archive, CODE, "approval", signer=_signer(), confirmations=CONFIRMED, actor="李审查")
    with any_archive.read() as s:
        e = active_entry(s, pid)
        assert e is not None and e.doc_number == doc.doc_number
        assert e.year == 2028 and abs(e.equivalent_tce - 5161.80) < 0.005


def test_superseding_approval_moves_the_entry(archive):
    seed_demo(archive)
    signer = _signer()
    first = issue_document(archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, actor="李审查")
    second = issue_document(archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, actor="李审查", supersedes=first.doc_number)
    with archive.read() as s:
        active = list(s.scalars(select(LedgerEntry).where(LedgerEntry.project_code == CODE,
                                                          LedgerEntry.status == ACTIVE)))
    assert [e.doc_number for e in active] == [second.doc_number]


def test_second_signed_approval_must_supersede_the_one_in_force(archive):
    """Signed means immutable: a project has one approval in force; a correction is a new version superseding it."""
    import pytest

    from reviewer.errors import UserError

    seed_demo(archive)
    signer = _signer()
    first = issue_document(archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, actor="李审查")
    with pytest.raises(UserError) as e:
        issue_document(archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, actor="李审查")
    assert first.doc_number in e.value.message_zh and "--supersedes" in e.value.message_zh
    second = issue_document(archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, actor="李审查", supersedes=first.doc_number)
    assert second.version == 2
