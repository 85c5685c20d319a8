"""Random ids in the form of uuid.uuid4().hex, made without the uuid module: importing it imports
`platform` and runs platform.system() (uname), ~10 M instructions before the window's first
frame (callgrind), for ids that need only os.urandom."""

from __future__ import annotations

import os


def new_id() -> str:
    """32 lowercase hex digits: a random UUID (version 4, RFC 4122 variant), as uuid.uuid4().hex."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # variant RFC 4122
    return raw.hex()
