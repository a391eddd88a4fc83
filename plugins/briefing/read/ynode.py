"""The tree the YAML readers hand back: every value with its line and column.

Both readers build it (yamlread.py, the careful one; yamlfast.py, libyaml's events), so it
lives apart from both: neither reader needs the other to know what a node is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_DEPTH = 40

YValue = str | list["YNode"] | dict[str, "YNode"]


@dataclass(slots=True)
class YNode:
    """A value with its position. Mappings keep the nodes of their keys in `keys`.

    Read-only by convention: not frozen, since a frozen dataclass costs three times as much to make
    and a 12,000-file briefing makes over half a million of them."""

    value: YValue
    line: int
    col: int
    plain_type: str = "str"
    """For unquoted scalars, what YAML 1.1 or 1.2 would read: str, bool, int, float, null, timestamp."""
    keys: dict[str, YNode] = field(default_factory=dict)

    def to_data(self) -> Any:
        """Plain JSON-like data for schema validation; unquoted scalars keep the type YAML gives them."""
        if isinstance(self.value, dict):
            return {k: v.to_data() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.to_data() for v in self.value]
        # NFC, as the model reads it: a name typed in NFD and again in NFC is one name, listed twice.
        return _typed_value(unicodedata.normalize("NFC", self.value), self.plain_type)


# Unquoted scalars that a YAML 1.1 or 1.2 reader would not read as strings.
# Both versions count: editors speak 1.2, PyYAML speaks 1.1, and a value must mean one thing.
_PLAIN_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$")),
    (
        "bool",
        re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"),
    ),
    (
        "int",
        re.compile(
            r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
            r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"
        ),
    ),
    (
        "float",
        re.compile(
            r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+)"
            r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
    ),
    (
        "timestamp",
        re.compile(
            r"^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
            r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
            r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$"
        ),
    ),
]


_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")


# Every pattern above matches only text that is empty or starts with one of these.
_TYPED_START = frozenset("~nNyYtTfFoO-+.0123456789\n")  # "\n": $ matches before a final line end


def plain_scalar_type(text: str) -> str:
    """What an unquoted scalar means to YAML: 'str' unless it would be read as something else."""
    if text and text[0] not in _TYPED_START:
        return "str"
    for name, pattern in _PLAIN_TYPES:
        if pattern.match(text):
            return name
    return "str"


def _typed_value(text: str, plain_type: str) -> Any:
    """A stand-in of the right JSON type, so that a schema check names the type correctly."""
    if plain_type == "null":
        return None
    if plain_type == "bool":
        return text.lower() in ("y", "yes", "true", "on")
    if plain_type == "int":
        # A plain decimal means the same in YAML 1.1 and 1.2; 012, 0x1F or 12:30 do not, so they only stand in.
        return int(text) if _DECIMAL.match(text) else 0
    if plain_type == "float":
        return 0.5
    # Unquoted dates stay strings: the date fields check their form themselves.
    return text


def describe_plain(node: YNode) -> str:
    """How a contributor's unquoted value was read, for error messages."""
    assert isinstance(node.value, str)
    meaning = {
        "null": "null, no value",
        "bool": "a true/false value",
        "int": "a number",
        "float": "a number",
    }.get(node.plain_type, "a string")
    if node.plain_type == "int" and not _DECIMAL.match(node.value):
        # 012 is octal 10 and 12:30 is 750 (base 60) to PyYAML: say so, it is the surprise.
        number = yaml.safe_load(node.value)
        if isinstance(number, int) and not isinstance(number, bool):
            meaning = f"the number {number}"
    shown = f"unquoted {node.value}" if node.value else "an empty value"
    return f"{shown} (YAML reads it as {meaning})"
