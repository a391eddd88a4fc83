"""The fast path of YAML reading: libyaml's event parser, for documents with no problem at all.

PyYAML's pure-Python composer costs about 10 ms a fact sheet; libyaml's parser does the
same work twenty times faster. This module builds the same `YNode` tree from libyaml's
events, and gives up (returns None) at the first thing the careful reader in yamlread.py
would refuse or report: a syntax error, an anchor, an alias, a tag, a duplicate or
non-string key, deep nesting, a character YAML forbids. The careful reader then runs and
reports the problem, so every message a contributor sees comes from one place.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from briefing.read.ynode import MAX_DEPTH, YNode, plain_scalar_type

_CLoader: Any = getattr(yaml, "CSafeLoader", None)
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


class _GiveUp(Exception):
    """The document needs the careful reader."""


def fast_tree(text: str, *, line_offset: int = 0) -> YNode | None:
    """The document's tree, or None when libyaml is missing or the document has any problem."""
    if _CLoader is None or _NON_PRINTABLE.search(text):
        return None
    loader = _CLoader(text)
    try:
        _expect(loader, StreamStartEvent)
        _expect(loader, DocumentStartEvent)
        root = _node(loader, line_offset, 1)
        _expect(loader, DocumentEndEvent)
        _expect(loader, StreamEndEvent)
    except (_GiveUp, yaml.YAMLError):
        return None
    finally:
        loader.dispose()
    return root


def _expect(loader: Any, kind: type) -> Any:
    event = loader.get_event()
    if not isinstance(event, kind):
        raise _GiveUp
    return event


def _node(loader: Any, offset: int, depth: int) -> YNode:
    if depth > MAX_DEPTH:
        raise _GiveUp
    event = loader.get_event()
    if isinstance(event, AliasEvent) or event.anchor is not None or event.tag not in (None, "!"):
        raise _GiveUp
    line, col = event.start_mark.line + 1 + offset, event.start_mark.column + 1
    if isinstance(event, ScalarEvent):
        plain = event.style in (None, "")
        return YNode(event.value, line, col, plain_scalar_type(event.value) if plain else "str")
    if isinstance(event, SequenceStartEvent):
        items = []
        while not loader.check_event(SequenceEndEvent):
            items.append(_node(loader, offset, depth + 1))
        loader.get_event()
        return YNode(items, line, col, "list")
    if isinstance(event, MappingStartEvent):
        values: dict[str, YNode] = {}
        keys: dict[str, YNode] = {}
        while not loader.check_event(MappingEndEvent):
            key = _node(loader, offset, depth + 1)
            if not isinstance(key.value, str) or key.value in keys:
                raise _GiveUp
            keys[key.value] = key
            values[key.value] = _node(loader, offset, depth + 1)
        loader.get_event()
        return YNode(values, line, col, "map", keys)
    raise _GiveUp
