"""Stable, content-derived identifiers.

Ids are hashes of what a row is about (article content, type, position), never counters or
timestamps, so re-running the pipeline on the same input gives the same ids and users can
join releases on them.
"""
from __future__ import annotations

import hashlib

ID_HEX_LENGTH = 16


def stable_id(prefix: str, *parts: object) -> str:
    """`prefix` + the first 16 hex digits of a SHA-256 over the parts, joined unambiguously."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:ID_HEX_LENGTH]}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
