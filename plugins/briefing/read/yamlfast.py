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
    get = loader.get_event
    try:
        if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
            return None
        root = _compose(get, line_offset)
        if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
            return None
    except (_GiveUp, yaml.YAMLError):
        return None
    finally:
        loader.dispose()
    return root


def _compose(get: Any, offset: int) -> YNode:
    """One node from the events, read in a loop (each event once) with a stack of open collections:
    [values, keys (None for a list), line, col, the key node waiting for its value]."""
    stack: list[list[Any]] = []
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag not in (None, "!") or len(stack) >= MAX_DEPTH:
                raise _GiveUp
            mark = event.start_mark
            line, col = mark.line + 1 + offset, mark.column + 1
            if kind is not ScalarEvent:
                stack.append([{}, {}, line, col, None] if kind is MappingStartEvent else [[], None, line, col, None])
                continue
            value = event.value
            node = YNode(value, line, col, plain_scalar_type(value) if event.style in (None, "") else "str")
        elif (kind is MappingEndEvent or kind is SequenceEndEvent) and stack:
            values, keys, line, col, _ = stack.pop()
            node = YNode(values, line, col, "list") if keys is None else YNode(values, line, col, "map", keys)
        else:
            raise _GiveUp  # an alias, or events out of place
        if not stack:
            return node
        parent = stack[-1]
        if parent[1] is None:
            parent[0].append(node)
        elif parent[4] is None:
            if not isinstance(node.value, str) or node.value in parent[1]:
                raise _GiveUp  # a key that is no plain name, or a duplicate
            parent[4] = node
        else:
            key = parent[4].value
            parent[1][key] = parent[4]
            parent[0][key] = node
            parent[4] = None
