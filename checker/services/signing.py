"""Installation key and signatures that let this installation recognise reports it issued.

A report carries its identifier, the digest of the content it was made from and an HMAC-SHA256
signature of both under a secret key that never leaves this installation. Only the holder of
the key can produce a valid signature, so a valid one proves the report was issued here.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_FILE_NAME = "report-signing.key"


def load_or_create_key(directory: Path) -> bytes:
    """Read the installation's signing key, creating it (mode 0600) on first use."""
    path = Path(directory) / KEY_FILE_NAME
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    except ValueError as exc:
        raise RuntimeError(f"{path}: the report signing key is corrupt; restore it from backup "
                           "(reports issued with the old key can no longer be verified)") from exc
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    # O_EXCL: two processes starting together must not both write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_or_create_key(directory)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex())
    return key


def sign(key: bytes, report_id: str, content_digest: str) -> str:
    """Signature binding a report identifier to the digest of its content."""
    message = f"npis-checker-report|{report_id}|{content_digest}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def signature_valid(key: bytes, report_id: str, content_digest: str, signature: str) -> bool:
    return hmac.compare_digest(sign(key, report_id, content_digest), signature.strip().lower())


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
