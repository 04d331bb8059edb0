"""A backup's manifest: the format and release that wrote it, the backend, the copy's
SHA-256, how many events it holds, and the chain's head the restore is proved against."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

#: The version of the backup format; a restore refuses a newer one.
FORMAT = 1
MANIFEST_SUFFIX = ".manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; nothing was changed."""


class RestoreFailed(BackupError):
    """The restored record does not prove itself: `position` is the first bad one."""

    def __init__(self, message: str, position: int | None) -> None:
        super().__init__(message)
        self.position = position


def release() -> str:
    try:
        return importlib.metadata.version("meetings")
    except importlib.metadata.PackageNotFoundError:
        return "0"


@dataclass(frozen=True)
class Manifest:
    format: int
    release: str
    backend: str
    file: str
    sha256: str
    events: int
    last_position: int
    head_position: int
    head_hash: str
    created_at: str = field(default_factory=lambda: datetime.now(tz=UTC).isoformat())

    @property
    def anchor(self) -> str:
        return f"{self.head_position}:{self.head_hash}"

    def write(self, backup: Path) -> Path:
        path = manifest_path(backup)
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def read(cls, backup: Path) -> Manifest:
        path = manifest_path(backup)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BackupError(
                f"there is no manifest {path} beside the backup: it holds the chain's head "
                "the restore is checked against"
            ) from None
        except (OSError, ValueError) as error:
            raise BackupError(f"cannot read the manifest {path}: {error}") from None
        try:
            manifest = cls(
                format=int(raw["format"]),
                release=str(raw["release"]),
                backend=str(raw["backend"]),
                file=str(raw["file"]),
                sha256=str(raw["sha256"]),
                events=int(raw["events"]),
                last_position=int(raw["last_position"]),
                head_position=int(raw["head_position"]),
                head_hash=str(raw["head_hash"]),
                created_at=str(raw.get("created_at", "")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BackupError(f"the manifest {path} is not a backup manifest: {error}") from None
        if manifest.backend not in ("sqlite", "postgres"):
            raise BackupError(f"the manifest names an unknown backend {manifest.backend!r}")
        return manifest


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
