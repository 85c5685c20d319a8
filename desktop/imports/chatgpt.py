"""ChatGPT's data export (Settings ▸ Data controls ▸ Export): conversations.json, or its split
parts conversations-000.json, conversations-001.json…, each a list of conversations:

    {"title", "create_time", "update_time", "conversation_id" (or "id"), "current_node",
     "default_model_slug",
     "mapping": {node id: {"id", "parent", "children": [ids],
                           "message": {"id", "author": {"role", "name"}, "create_time",
                                       "content": {"content_type", "parts" | "text" | ...},
                                       "metadata", "recipient"} | null}}}

The mapping is a tree: editing a question or regenerating an answer adds a sibling. dashchat
keeps such trees the same way (model/conversation.py: versions of a turn share a parent), so the
whole tree comes in as one conversation: the branch ChatGPT shows (the path from the root to
`current_node`) is the path shown, and every other branch is kept as versions of the turn where
it diverges, with everything that followed them. A turn is identified by its question's node and
the nodes that answered it on that path, so a turn shared by several branches is stored once.

A question is a user message; what follows until the next question is its turn. Assistant text
to everyone is the answer (parts joined by blank lines); `thoughts` are the thinking; an
assistant message to `python` is an executed code call, and the `python` tool's reply
(`execution_output`, with `metadata.aggregate_result`) is that call's outputs: streams, the
final expression's value, the exception, images (their bytes when the export holds the file).
Other tools (browsing, image generation, canvas, memory) are left out, and counted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..model.conversation import Conversation, title_for
from ..model.output import Output
from ..model.turn import Turn, TurnStatus
from ..protocol import AnswerDelta, CodeCall, Finished, ThinkingDelta, Usage
from . import ImportBatch, Imported, ImportFailure, clean_text, derived_id

CONNECTION = "ChatGPT import"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_FILE_ID = re.compile(r"file-service://([A-Za-z0-9_-]+)|sediment://([A-Za-z0-9_-]+)")

Images = Callable[[str], "bytes | None"]
Skipped = dict[str, set[str]]  # what was left out: kind -> the nodes (a node on several branches counts once)


class _Malformed(Exception):
    pass


def read_into(batch: ImportBatch, data: object, source: str, images: Images) -> None:
    """Add the conversations in one conversations*.json document (a list, or one conversation)."""
    items = [data] if isinstance(data, dict) and "mapping" in data else data
    if not isinstance(items, list):
        raise ImportFailure(f"{source} is neither a ChatGPT export (a list of conversations) nor a dashchat "
                            "transcript")
    skipped: Skipped = {}
    for number, item in enumerate(items, 1):
        title = item.get("title") if isinstance(item, dict) else None
        try:
            batch.conversations += _conversation(item, images, skipped)
        except (_Malformed, KeyError, TypeError, ValueError, AttributeError) as exc:
            what = f"conversation {number}" + (f" ({title!r})" if isinstance(title, str) and title else "")
            raise ImportFailure(f"{source}: {what} is malformed: {_reason(exc)}") from None
    for kind, nodes in sorted(skipped.items()):
        count = len(nodes)
        batch.notes.append(f"{source}: {count} {kind} message{'' if count == 1 else 's'} left out")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc) or type(exc).__name__


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise _Malformed(message)


def _time(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and value > 0 else None


def _conversation(data: object, images: Images, skipped: Skipped) -> list[Imported]:
    _need(isinstance(data, dict), "not a JSON object")
    assert isinstance(data, dict)
    mapping = data["mapping"]
    _need(isinstance(mapping, dict) and bool(mapping), "'mapping' is not a non-empty object")
    for key, node in mapping.items():
        _need(isinstance(node, dict), f"node {key!r} is not an object")
        parent = node.get("parent")
        _need(parent is None or isinstance(parent, str), f"node {key!r} has a parent that is not an id")
        children = node.get("children") or []
        _need(isinstance(children, list), f"node {key!r} has children that are not a list")
        message = node.get("message")
        _need(message is None or isinstance(message, dict), f"node {key!r} has a message that is not an object")
    source_id = data.get("conversation_id") or data.get("id")
    created = _time(data.get("create_time"))
    title = clean_text(data.get("title"))
    if not isinstance(source_id, str) or not source_id:
        # Old exports name no id: the tree's root and the creation time identify it.
        source_id = derived_id("chatgpt-untitled", title, repr(created), *sorted(mapping)[:3])
    updated = _time(data.get("update_time")) or created
    leaves = [key for key, node in mapping.items() if not [c for c in node.get("children") or [] if c in mapping]]
    current = data.get("current_node")
    if not isinstance(current, str) or current not in mapping:
        current = max(leaves, key=lambda key: (_node_time(mapping, key), key))  # the newest leaf
    main = _path(mapping, current)
    model = data.get("default_model_slug") if isinstance(data.get("default_model_slug"), str) else ""

    conversation = Conversation(id=derived_id("chatgpt", source_id), title=title, model=model or "",
                                created_at=created or updated or 0.0)
    prefix = ("chatgpt", source_id)
    by_id: dict[str, Turn] = {}
    shown = _turns(mapping, main, prefix, created or 0.0, images, skipped)
    for leaf in sorted((leaf for leaf in leaves if leaf != current), key=lambda key: (_node_time(mapping, key), key)):
        for turn in _turns(mapping, _path(mapping, leaf), prefix, created or 0.0, images, skipped):
            by_id.setdefault(turn.id, turn)
    for turn in shown:
        by_id[turn.id] = turn
    conversation.turns = shown
    # Every version, in the order it was asked (the order on disk); the path shown among them.
    conversation.versions = sorted(by_id.values(), key=lambda t: (t.sent_at or 0.0, t.first_token_at or 0.0, t.id))
    if not conversation.title and conversation.versions:
        first = (shown or conversation.versions)[0]
        conversation.title = title_for(first.user or first.answer)
    if not conversation.model and conversation.versions:
        conversation.model = (shown or conversation.versions)[-1].model
    return [Imported(conversation, updated or conversation.created_at, "chatgpt")]


def _node_time(mapping: dict[str, Any], key: str) -> float:
    message = mapping[key].get("message")
    return (_time(message.get("create_time")) or 0.0) if isinstance(message, dict) else 0.0


def _path(mapping: dict[str, Any], leaf: str) -> list[str]:
    """The node ids from the root down to `leaf`."""
    path: list[str] = []
    seen: set[str] = set()
    key: str | None = leaf
    while key is not None and key in mapping:
        _need(key not in seen, f"the parents of node {leaf!r} loop")
        seen.add(key)
        path.append(key)
        key = mapping[key].get("parent")
    return path[::-1]


def _skip(skipped: Skipped, kind: str, node: str) -> None:
    skipped.setdefault(kind, set()).add(node)


def _text(content: dict[str, Any], skipped: Skipped, node: str) -> str:
    parts = content.get("parts")
    if isinstance(parts, list):
        texts: list[str] = []
        for part in parts:
            if isinstance(part, str):
                texts.append(part)
            elif isinstance(part, dict):  # an image or a file the user attached
                pointer = part.get("asset_pointer") or part.get("content_type") or "attachment"
                texts.append(f"[{part.get('content_type', 'attachment')}: {pointer}]")
                _skip(skipped, "attachment", f"{node}/{len(texts)}")
        return clean_text("\n".join(t for t in texts if t))
    text = content.get("text")
    return clean_text(text) if isinstance(text, str) else ""


def _turns(mapping: dict[str, Any], path: list[str], id_prefix: tuple[str, ...], fallback_time: float,
           images: Images, skipped: Skipped) -> list[Turn]:
    turns: list[Turn] = []
    segments: list[list[str]] = []  # the nodes that made each turn
    turn: Turn | None = None
    last_time = fallback_time  # for a message without a time
    ended = fallback_time  # the latest message of the turn
    finish: str | None = None

    def close() -> None:
        if turn is not None:
            turn.usage = Usage(code_interpreter_calls=len(turn.code))  # tokens: not in the export
            turn.apply(Finished(finish or "stop"), now=ended)
            if finish == "interrupted":
                turn.status = TurnStatus.INTERRUPTED

    for key in path:
        message = mapping[key].get("message")
        if not isinstance(message, dict):
            continue
        author = message.get("author") or {}
        _need(isinstance(author, dict), f"message {key!r} has an author that is not an object")
        role = author.get("role")
        content = message.get("content") or {}
        _need(isinstance(content, dict), f"message {key!r} has content that is not an object")
        metadata = message.get("metadata") or {}
        metadata = metadata if isinstance(metadata, dict) else {}
        kind = content.get("content_type")
        when = _time(message.get("create_time")) or last_time
        last_time = max(last_time, when)
        if metadata.get("is_visually_hidden_from_conversation") or role == "system":
            continue
        if role == "user":
            if kind not in ("text", "multimodal_text"):
                _skip(skipped, f"user {kind}", key)  # custom instructions and such
                continue
            close()
            turn = Turn(user=_text(content, skipped, key), connection=CONNECTION)
            segments.append([key])
            turn.mark_sent(when)
            turns.append(turn)
            finish = None
            ended = when
            continue
        if turn is None:  # the assistant spoke first (a custom GPT's greeting)
            turn = Turn(user="", connection=CONNECTION)
            segments.append([])
            turn.mark_sent(when)
            turns.append(turn)
        ended = when
        segments[-1].append(key)
        recipient = message.get("recipient") or "all"
        if role == "assistant":
            slug = metadata.get("model_slug")
            if isinstance(slug, str) and slug:
                turn.model = slug
            details = metadata.get("finish_details")
            if isinstance(details, dict) and isinstance(details.get("type"), str):
                finish = details["type"]
            if recipient == "python":
                code = content.get("text") if isinstance(content.get("text"), str) else _text(content, skipped, key)
                turn.apply(CodeCall(len(turn.code), clean_text(code)), now=when)
            elif recipient != "all":
                _skip(skipped, f"assistant to {recipient}", key)
            elif kind in ("text", "multimodal_text"):
                text = _text(content, skipped, key)
                if text:
                    turn.apply(AnswerDelta(("\n\n" if turn.answer_length else "") + text), now=when)
            elif kind == "thoughts":
                for thought in content.get("thoughts") or []:
                    if isinstance(thought, dict):
                        piece = "\n".join(clean_text(thought.get(k)) for k in ("summary", "content")
                                          if isinstance(thought.get(k), str) and thought.get(k))
                        if piece:
                            turn.apply(ThinkingDelta(("\n\n" if turn.thinking_length else "") + piece), now=when)
            elif kind != "reasoning_recap":  # "Thought for 5 seconds": the thinking says it
                _skip(skipped, f"assistant {kind}", key)
        elif role == "tool":
            name = author.get("name")
            if name == "python" and turn.code:
                index = len(turn.code) - 1
                turn.outputs[index] = turn.outputs.get(index, []) + _outputs(content, metadata, images)
            else:
                _skip(skipped, f"tool {name}", key)
    close()
    # A turn is its question's node and the nodes that answered it here: the same on every
    # branch that shares it, different for a regenerated answer or an edited question.
    parent: str | None = None
    for turn, segment in zip(turns, segments, strict=True):
        turn.id = derived_id(*id_prefix, *segment)
        turn.parent_id = parent
        parent = turn.id
    return turns


def _outputs(content: dict[str, Any], metadata: dict[str, Any], images: Images) -> list[Output]:
    """The python tool's reply as outputs: from aggregate_result when there, else its text."""
    result = metadata.get("aggregate_result")
    outputs: list[Output] = []
    if isinstance(result, dict):
        for message in result.get("messages") or []:
            if not isinstance(message, dict):
                continue
            kind = message.get("message_type")
            if kind == "stream":
                outputs.append(Output.stream(str(message.get("stream_name") or "stdout"),
                                             clean_text(message.get("text"))))
            elif kind == "image":
                url = str(message.get("image_url") or "")
                found = _FILE_ID.search(url)
                data = images(found.group(1) or found.group(2)) if found else None
                outputs.append(Output.image(data) if data else
                               Output.display(f"[image not in the export: {url or 'no address'}]"))
            elif kind == "timeout_interrupt":
                outputs.append(Output.error("TimeoutError", clean_text(message.get("text")) or "timed out"))
        final = result.get("final_expression_output")
        if isinstance(final, str) and final:
            outputs.append(Output.result(clean_text(final)))
        exception = result.get("in_kernel_exception") or result.get("system_exception")
        if isinstance(exception, dict):
            args = exception.get("args")
            value = ", ".join(str(a) for a in args) if isinstance(args, list) else ""
            trace = [_ANSI.sub("", clean_text(line)).rstrip("\n") for line in exception.get("traceback") or []
                     if isinstance(line, str)]
            outputs.append(Output.error(clean_text(exception.get("name")) or "Error", clean_text(value), trace))
    if not outputs:
        text = clean_text(content.get("text"))
        if text:
            outputs.append(Output.stream("stdout", text))
    return outputs
