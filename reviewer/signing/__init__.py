"""Electronic signatures: identities (local CA, reviewer certificates), the signer interface, PAdES signing with a
visible seal, and verification."""
