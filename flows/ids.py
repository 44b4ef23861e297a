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
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).digest()
    return f"{prefix}_{digest[:ID_HEX_LENGTH // 2].hex()}"   # hexdigest()[:16], without writing out all 32 bytes


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
