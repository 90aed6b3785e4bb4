"""The signer interface: what the opinion service needs from whoever holds the signing key.

:class:`DocumentSigner` is the plug-in point. :class:`Pkcs12Signer` (a key in a passphrase-protected PKCS#12 file)
is the implementation shipped. A hardware token fits by returning ``pyhanko.sign.pkcs11.PKCS11Signer`` from
:meth:`DocumentSigner.pyhanko_signer`; the district's SM2 e-seal system fits by returning a subclass of
``pyhanko.sign.signers.Signer`` whose ``async_sign_raw`` calls that system (pyHanko builds the CMS around it).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from functools import cached_property
from pathlib import Path
from typing import Any

from reviewer.errors import UserError


class DocumentSigner(ABC):
    """Holds a signing key; gives pyHanko a ``Signer`` and the reviewer a display name."""

    @abstractmethod
    def pyhanko_signer(self) -> Any:
        """A ``pyhanko.sign.signers.Signer`` ready to sign (certificate and chain attached)."""

    @property
    @abstractmethod
    def signer_name(self) -> str:
        """The signer's name as printed on the stamp and stored in the archive (certificate CN)."""

    @property
    def description(self) -> str:
        return self.signer_name


class Pkcs12Signer(DocumentSigner):
    """A key and certificate chain from a PKCS#12 file opened with its passphrase (a wrong one is refused)."""

    def __init__(self, path: str | Path, passphrase: bytes):
        from pyhanko.sign import signers

        self.path = Path(path)
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            raise UserError(f"找不到证书文件 {path}。", f"Certificate file {path} not found.") from None
        except OSError as exc:
            raise UserError(f"无法读取证书文件 {path}：{exc.strerror}", f"Cannot read {path}: {exc.strerror}") from None
        try:
            # Only the *other* certificates (the CA) go to the chain: the PKCS#12's own certificate is the signing
            # certificate, and passing it again would put two copies into the CMS (engineering.md B).
            self._signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase)
        except ValueError:
            raise UserError(f"口令错误，或 {self.path.name} 不是有效的 PKCS#12 证书文件，未进行签名。",
                            f"Wrong passphrase, or {self.path.name} is not a valid PKCS#12 file; nothing was signed.",
                            exit_code=3) from None

    def pyhanko_signer(self) -> Any:
        return self._signer

    @cached_property
    def signer_name(self) -> str:
        cert = self._signer.signing_cert
        return cert.subject.native.get("common_name", "") or cert.subject.human_friendly
