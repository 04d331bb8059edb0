"""Seals: what the service writes, it signs (HMAC-SHA256 with a key held outside the
database), so an event inserted into the log behind its back is found by `verify`.

Each event the service records gets a seal in the transaction that inserts it:

    seal = HMAC(key, "meetings-seal-v2\\n" + position + "\\n" + aggregate id + "\\n"
                + version + "\\n" + topic + "\\n" + sha256(stored bytes))

and its link of the chain (version 2, see meetings/infrastructure/audit/) carries the digest, the
key's id and the seal. The key is a file (MEETINGS_SIGNING_KEY_FILE); keys used before a
rotation stay usable for checking (MEETINGS_SIGNING_OLD_KEY_FILES, separated by ':').
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

KEY_FILE = "MEETINGS_SIGNING_KEY_FILE"
OLD_KEY_FILES = "MEETINGS_SIGNING_OLD_KEY_FILES"

#: The shortest key accepted, in bytes (as read from the file, surrounding space removed).
MIN_KEY_BYTES = 32


class SigningKeyError(ValueError):
    """A key file that cannot be used."""


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    secret: bytes = field(repr=False)

    def sign(self, message: bytes) -> str:
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class KeyRing:
    """The key the service signs with now, and every key it may check a seal against."""

    current: SigningKey | None = None
    keys: Mapping[str, SigningKey] = field(default_factory=dict)

    def check(self, key_id: str, message: bytes, signature: str) -> bool | None:
        """Whether the signature is the key's; None when the key is not held here."""
        key = self.keys.get(key_id)
        if key is None:
            return None
        return hmac.compare_digest(key.sign(message), signature)


def key_from_file(path: str) -> SigningKey:
    try:
        secret = Path(path).read_bytes().strip()
    except OSError as error:
        raise SigningKeyError(f"cannot read the signing key {path}: {error}") from None
    if len(secret) < MIN_KEY_BYTES:
        raise SigningKeyError(
            f"the signing key {path} is too short: at least {MIN_KEY_BYTES} bytes "
            "(make one with: head -c 48 /dev/urandom | base64 > FILE)"
        )
    return SigningKey(hashlib.sha256(secret).hexdigest()[:16], secret)


def key_ring(settings: Mapping[str, str]) -> KeyRing:
    """The keys named by the settings (an application's environment)."""
    current_path = (settings.get(KEY_FILE) or "").strip()
    old_paths = [p for p in (settings.get(OLD_KEY_FILES) or "").split(os.pathsep) if p.strip()]
    current = key_from_file(current_path) if current_path else None
    keys = {k.key_id: k for k in (key_from_file(p.strip()) for p in old_paths)}
    if current is not None:
        keys[current.key_id] = current
    return KeyRing(current, keys)


def digest(state: bytes) -> str:
    return hashlib.sha256(state).hexdigest()


def seal_message(position: int, aggregate_id: str, version: int, topic: str, sha: str) -> bytes:
    return f"meetings-seal-v2\n{position}\n{aggregate_id}\n{version}\n{topic}\n{sha}".encode()


def head_message(position: int, head_hash: str) -> bytes:
    return f"meetings-head-v2\n{position}\n{head_hash}".encode()
