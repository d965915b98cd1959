"""Receipt numbers and secrets: the reporter follows the case with both, without an account.

The secret (20 characters of a 32-letter alphabet: 100 bits) is shown once and stored only as a slow hash: scrypt
(RFC 7914) with N=2**14, r=8, p=1 (16 MiB, about 50 ms a try on one Lambda core) and a 16-byte salt of its own per
case; the parameters are stored with the hash, so stronger ones apply to new cases without breaking old ones. The
receipt number is not a secret (it is read out on the phone); guessing the secret is what the per-receipt lockout and
the per-source limit make infeasible (`bench/complaint_secrets.py` prints the figures).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 letters, no 0/O or 1/I
SECRET_LENGTH = 20  # 100 bits
SECRET_BITS = SECRET_LENGTH * 5
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16


def new_receipt_no(year: int) -> str:
    """`2026-K7QX-M2PA`: the year and 8 random letters (40 bits: numbers never collide in practice; a collision is
    refused by the conditional put and retried)."""
    letters = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{year}-{letters[:4]}-{letters[4:]}"


def new_secret() -> str:
    letters = "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))
    return "-".join(letters[i:i + 5] for i in range(0, SECRET_LENGTH, 5))


def normalise(secret: str) -> str:
    """What the reporter typed, as hashed: case, spaces and dashes do not matter."""
    return "".join(ch for ch in secret.upper() if ch.isalnum())


@dataclass(frozen=True)
class SecretHash:
    """`scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`."""

    text: str

    @classmethod
    def of(cls, secret: str, *, n: int | None = None, r: int | None = None, p: int | None = None) -> SecretHash:
        """Hashed with this module's parameters unless given (a test of something else may lower them)."""
        n, r, p = n or SCRYPT_N, r or SCRYPT_R, p or SCRYPT_P
        salt = secrets.token_bytes(SALT_BYTES)
        digest = _scrypt(normalise(secret), salt, n, r, p)
        return cls(f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}")

    def matches(self, secret: str) -> bool:
        _, n, r, p, salt, digest = self.text.split("$")
        tried = _scrypt(normalise(secret), bytes.fromhex(salt), int(n), int(r), int(p))
        return hmac.compare_digest(tried, bytes.fromhex(digest))


# a hash of no case: an unknown receipt number costs the same time as a wrong secret (no timing oracle)
DECOY = SecretHash("scrypt$16384$8$1$" + "00" * SALT_BYTES + "$" + "00" * 32)


def _scrypt(text: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(text.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)


@dataclass(frozen=True)
class Guessing:
    """What the limits allow an attacker on one receipt: guesses per second and the expected time to the secret."""

    guesses_per_second: float
    expected_seconds: float


def guessing(*, max_failures: int, lock_minutes: int, bits: int = SECRET_BITS) -> Guessing:
    """At most `max_failures` wrong guesses per lock window on a receipt; half the space on average."""
    rate = max_failures / (lock_minutes * 60)
    return Guessing(rate, (2 ** (bits - 1)) / rate)
