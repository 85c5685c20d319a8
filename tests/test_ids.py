"""Ids made without the uuid module (desktop/model/ids.py) have uuid.uuid4().hex's form."""

from __future__ import annotations

import uuid

from desktop.model import Conversation, Turn
from desktop.model.ids import new_id


def test_new_id_is_a_random_version_4_uuid_in_hex() -> None:
    ids = [new_id() for _ in range(200)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        assert len(text) == 32 and text == text.lower()
        parsed = uuid.UUID(hex=text)
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert parsed.hex == text


def test_turns_and_conversations_get_such_ids() -> None:
    for made in (Turn("q").id, Conversation().id):
        assert uuid.UUID(hex=made).version == 4
