"""Shared PDF machinery: bundled fonts and the signature/stamp geometry (used by opinion, signing, ledger)."""
