"""Safe YAML reading that keeps the line and column of every value.

PyYAML's own loaders convert silently: `NO` becomes False, `12:30` becomes 750, a
duplicate key keeps the last value, and anchors can expand into an alias bomb. This
reader composes the node graph only (nothing is ever constructed from a tag), refuses
anchors, aliases, explicit tags, duplicate keys and deep nesting, and hands back a
tree of `YNode` in which every scalar is the text the contributor wrote, plus a note
of what YAML would have made of it when it was left unquoted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefing.problems import ContentError, Problem
from briefing.read.yamlfast import fast_tree
from briefing.read.ynode import MAX_DEPTH, YNode, plain_scalar_type

MAX_FILE_BYTES = 1_000_000


class _Composer(yaml.SafeLoader):
    """Composes nodes, refusing anchors, aliases, explicit tags and deep nesting."""

    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self._path = path
        self._depth = 0

    def _refuse(self, mark: Any, field_path: str, message: str) -> None:
        raise ContentError(Problem(self._path, mark.line + 1, mark.column + 1, field_path, message))

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            self._refuse(event.start_mark, "", f"YAML aliases (*{event.anchor}) are not allowed; write the value out")
        if isinstance(event, ScalarEvent | CollectionStartEvent):
            if event.anchor is not None:
                self._refuse(
                    event.start_mark,
                    "",
                    f"YAML anchors (&{event.anchor}) are not allowed; write the value out",
                )
            if event.tag not in (None, "!"):
                self._refuse(
                    event.start_mark,
                    "",
                    f"YAML tags ({_short_tag(event.tag)}) are not allowed; write a plain value",
                )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self._refuse(event.start_mark, "", f"nested more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_text_file(file: Path, path: str) -> str:
    """A content file's text (see `decode_text`); a file over the size limit is refused before it is read."""
    with open(file, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(_too_big(path, size))
        # read(MAX_FILE_BYTES + 1) would allocate a megabyte for every file; a file that grew since
        # its size was taken is read on, to the same limit.
        data = stream.read(size + 1)
        if len(data) > size:
            data += stream.read(MAX_FILE_BYTES + 1 - len(data))
        return decode_text(data, path)


def _too_big(path: str, size: int) -> Problem:
    return Problem(path, 0, 0, "", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 text with any byte-order mark dropped and CRLF line ends made LF; refuses other encodings."""
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(_too_big(path, len(data)))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        # A column in characters, as editors count it; the line is valid UTF-8 up to the bad byte.
        col = len(data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        raise ContentError(
            Problem(
                path,
                line,
                col,
                "",
                f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            )
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# What PyYAML's wording usually means, put first in its message.
_SYNTAX_HINTS = (
    ("expected <block end>", "bad indentation, this line does not line up with the lines above it: "),
    ("mapping values are not allowed", "a ': ' where none fits, a line indented too far or a value to quote: "),
    ("found character '\\t'", "a tab, indent with spaces: "),
    ("found unexpected end of stream", "a quote or bracket that is never closed: "),
    ("could not find expected ':'", "a line that is not 'key: value': "),
    ("but found another document", "a second document after a '---' line, where one is expected: "),
)


def read_yaml(text: str, path: str, *, line_offset: int = 0) -> YNode:
    """Parse one YAML document of `text` into a YNode tree; raise ContentError for the first problem.

    `line_offset` shifts reported lines, for YAML embedded in a larger file (front matter).
    """
    tree = fast_tree(text, line_offset=line_offset)
    if tree is not None:
        return tree
    try:
        loader = _Composer(text, path)  # reads the first chunk of text already
    except yaml.reader.ReaderError as exc:
        raise ContentError(_unreadable_character(exc, text, path, line_offset)) from None
    try:
        root = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        raise ContentError(_unreadable_character(exc, text, path, line_offset)) from None
    except ContentError as exc:
        p = exc.problem
        raise ContentError(Problem(p.path, p.line + line_offset, p.col, p.field, p.message)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and (exc.problem or "").startswith("found unexpected end of stream"):
            mark = exc.context_mark  # where the unclosed quote or bracket opened, not the end of the file
        line = (mark.line + 1 if mark else 0) + line_offset
        col = mark.column + 1 if mark else 0
        what = exc.problem or "not valid YAML"
        context = f" ({exc.context})" if exc.context else ""
        hint = next((h for start, h in _SYNTAX_HINTS if what.startswith(start)), "")
        raise ContentError(Problem(path, line, col, "", f"YAML syntax: {hint}{what}{context}")) from None
    except yaml.YAMLError as exc:
        raise ContentError(Problem(path, 1 + line_offset, 0, "", f"YAML syntax: {exc}")) from None
    finally:
        loader.dispose()
    if root is None:
        raise ContentError(Problem(path, 1 + line_offset, 0, "", "the file is empty; expected a mapping of fields"))
    return _convert(root, path, line_offset)


def _unreadable_character(exc: yaml.reader.ReaderError, text: str, path: str, offset: int) -> Problem:
    """YAML refuses control characters (and U+FFFE, U+FFFF) anywhere in a file, even inside quotes."""
    position = exc.position
    line = text.count("\n", 0, position) + 1 + offset
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(
        path,
        line,
        col,
        "",
        f"the invisible character U+{exc.character:04X} is not allowed in YAML; delete it "
        "(inside double quotes it can be written as an escape like \\t)",
    )


def _convert(node: Node, path: str, offset: int) -> YNode:
    line, col = node.start_mark.line + 1 + offset, node.start_mark.column + 1
    if isinstance(node, ScalarNode):
        plain = node.style is None
        kind = plain_scalar_type(node.value) if plain else "str"
        return YNode(node.value, line, col, kind)
    if isinstance(node, SequenceNode):
        return YNode([_convert(item, path, offset) for item in node.value], line, col, "list")
    assert isinstance(node, MappingNode)
    values: dict[str, YNode] = {}
    keys: dict[str, YNode] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, path, offset)
        if not isinstance(key.value, str):
            raise ContentError(
                Problem(path, key.line, key.col, "", "a key must be a plain name, not a list or mapping")
            )
        if key.value in keys:
            first = keys[key.value]
            raise ContentError(
                Problem(
                    path,
                    key.line,
                    key.col,
                    key.value,
                    f"duplicate key (first at line {first.line}); YAML would silently keep only the last one",
                )
            )
        keys[key.value] = key
        values[key.value] = _convert(value_node, path, offset)
    return YNode(values, line, col, "map", keys)


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
