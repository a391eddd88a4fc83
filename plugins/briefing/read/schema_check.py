"""Checking YAML trees against the JSON Schemas in schemas/, with messages a contributor can act on."""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from briefing.problems import Problem
from briefing.read.schema_gate import Check, compile_gates
from briefing.read.ynode import YNode, describe_plain

KINDS = ("country", "leader", "organisation", "topic", "event")
SCHEMA_NAMES = (*KINDS, "source")

_EXAMPLES = {
    "date": "a date like 2023-09-11, 2025-01 or '2023'",
    "id": "an id like kim-jong-un (lower-case words joined by hyphens)",
}


@dataclass(frozen=True)
class _Schemas:
    validators: dict[str, Draft202012Validator]
    """jsonschema's validators, which write the messages."""
    gates: dict[str, Check | None]
    """The compiled yes/no checks that spare a valid document jsonschema's time."""


class SchemasUnusable(Exception):
    """The schema files are missing or unreadable: no document can be checked (`path` is the file or folder)."""

    def __init__(self, path: Path, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message, self.line, self.col = path, message, line, col


@cache
def _validators(schemas_dir: str) -> _Schemas:
    base = Path(schemas_dir)
    resources = []
    loaded: dict[str, dict[str, Any]] = {}
    for path in sorted(base.glob("*.schema.json")):
        uri = path.resolve().as_uri()
        try:
            contents = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SchemasUnusable(path, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SchemasUnusable(path, f"cannot be read: {exc}") from None
        if not isinstance(contents, dict):
            raise SchemasUnusable(path, "expected a JSON Schema, an object { ... }, got another JSON value")
        contents = {**contents, "$id": uri}
        loaded[path.name.removesuffix(".schema.json")] = contents
        resources.append((uri, Resource.from_contents(contents)))
    registry: Registry[Any] = Registry().with_resources(resources)
    missing = [name for name in SCHEMA_NAMES if name not in loaded]
    if missing:
        files = ", ".join(f"{name}.schema.json" for name in missing)
        raise SchemasUnusable(
            base,
            f"missing {files}: fact sheets and sources are checked against them; "
            "copy the schemas folder of a briefing project (briefing init writes one)",
        )
    validators = {name: Draft202012Validator(loaded[name], registry=registry) for name in SCHEMA_NAMES}
    documents = {str(contents["$id"]): contents for contents in loaded.values()}
    gates = compile_gates(documents, {name: str(loaded[name]["$id"]) for name in SCHEMA_NAMES})
    return _Schemas(validators, gates)


def forget_validators() -> None:
    """Build the validators afresh at the next check: the schema files changed (under mkdocs serve)."""
    _validators.cache_clear()
    _resolved.cache_clear()


@cache
def _resolved(schemas_dir: Path) -> str:
    """The schemas folder's real path, asked of the system once, not once a document."""
    return str(schemas_dir.resolve())


def check_against_schema(root: YNode, kind: str, path: str, schemas_dir: Path) -> list[Problem]:
    """All schema problems of one document, each at the position of the value concerned."""
    schemas = _validators(_resolved(schemas_dir))
    if not isinstance(root.value, dict):
        found = "a list" if isinstance(root.value, list) else describe_value(root)
        return [Problem(path, root.line, root.col, "", f"expected a mapping of fields, got {found}")]
    data = _schema_data(root)
    gate = schemas.gates[kind]
    if gate is not None and gate(data):
        return []
    errors = list(schemas.validators[kind].iter_errors(data))
    # A value of the wrong type fails its other keywords too (2.0 is no whole number, nor at least 1):
    # the type is the one thing to say.
    mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    problems: list[Problem] = []
    for error in errors:
        if error.validator != "type" and tuple(error.absolute_path) in mistyped:
            continue
        problems.extend(_to_problems(error, root, path))
    return sorted(problems)


# The unquoted true/false values of YAML 1.2 (editors); YAML 1.1 (PyYAML) reads these the same.
_BOTH_YAMLS_BOOLEAN = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})


class _DisputedBoolean:
    """Stands in for y, yes, no, on, off...: true/false to YAML 1.1, a string to YAML 1.2, so no type fits."""


def _schema_data(node: YNode) -> Any:
    """What the schema sees: the YNode's data, except that a value the two YAML versions read
    differently fits no type, so that the build and editors' YAML 1.2 validators agree."""
    value = node.value
    if isinstance(value, dict):
        return {key: _schema_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_schema_data(item) for item in value]
    if node.plain_type == "str":
        return unicodedata.normalize("NFC", value)  # what to_data() gives a string, without its dispatch
    if node.plain_type == "bool" and value not in _BOTH_YAMLS_BOOLEAN:
        return _DisputedBoolean()
    return node.to_data()


def _to_problems(error: ValidationError, root: YNode, path: str) -> Iterator[Problem]:
    if error.validator in ("anyOf", "oneOf") and error.context:
        best = min(error.context, key=lambda e: len(list(e.absolute_path)))
        yield from _to_problems(best, root, path)
        return
    node, field_path = _locate(root, list(error.absolute_path))
    validator, schema = error.validator, error.schema
    assert isinstance(schema, dict)
    if validator == "required":
        missing = str(error.message).split("'")[1]
        field = _join(field_path, missing)
        hint = " (an uncited claim)" if missing == "citations" else ""
        yield Problem(path, node.line, node.col, field, f"missing required field{hint}")
    elif validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        assert isinstance(node.value, dict)
        for key in sorted(set(node.value) - set(allowed)):
            key_node = node.keys[key]
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of {', '.join(allowed)}"
            yield Problem(path, key_node.line, key_node.col, _join(field_path, key), f"unknown field{hint}")
    elif validator == "uniqueItems" and (repeat := _first_repeat(node)):
        first, again = repeat
        assert isinstance(node.value, list)
        spelling = "" if first.value == again.value else " (the same text in another Unicode spelling)"
        index = node.value.index(again)
        yield Problem(
            path,
            again.line,
            again.col,
            f"{field_path}[{index}]",
            f"expected each entry once, got {describe_value(again)} again, first at line {first.line}{spelling}",
        )
    else:
        yield Problem(path, node.line, node.col, field_path, _message(error, node, schema))


def _first_repeat(node: YNode) -> tuple[YNode, YNode] | None:
    """The first entry of a list that repeats an earlier one (compared as NFC), with that earlier one."""
    seen: dict[str, YNode] = {}
    for item in node.value if isinstance(node.value, list) else []:
        if isinstance(item.value, str):
            key = unicodedata.normalize("NFC", item.value)
            if key in seen:
                return seen[key], item
            seen[key] = item
    return None


def _message(error: ValidationError, node: YNode, schema: dict[str, Any]) -> str:
    validator = error.validator
    expected = _expected(schema)
    if validator == "type":
        # A date or an id is best described by its form; any other string by its type.
        if not _is_date_or_id(schema):
            expected = _expected({"type": schema["type"]})
        if node.plain_type in ("bool", "int", "float", "null") and "string" in _types(schema):
            assert isinstance(node.value, str)
            return f"expected {expected}, got {describe_plain(node)}; put it in quotes: '{node.value}'"
        if node.plain_type == "bool" and _types(schema) == ["boolean"]:
            return (
                f"expected true or false, got unquoted {node.value} (YAML 1.1 reads it as true/false, "
                "YAML 1.2 and editors as a string); write true or false"
            )
        if node.plain_type == "float" and _types(schema) == ["integer"]:
            return f"expected a whole number like 2, got {describe_plain(node)}"
        return f"expected {expected}, got {describe_value(node)}"
    if validator == "pattern":
        return f"expected {expected}, got {describe_value(node)}"
    if validator == "enum":
        options = ", ".join(str(v) for v in schema["enum"])
        return f"expected one of {options}, got {describe_value(node)}"
    if validator == "minItems":
        if schema.get("items", {}).get("$ref", "").endswith("/citation"):
            return "an uncited claim: give at least one citation, e.g. - {source: <source id>, quote: '...'}"
        return f"expected at least {schema['minItems']} item(s), got none"
    if validator == "minLength":
        return f"expected {expected} of at least {schema['minLength']} characters, got {describe_value(node)}"
    if validator == "maxLength":
        assert isinstance(node.value, str)
        return f"expected at most {schema['maxLength']} characters, got {len(node.value)}"
    if validator == "uniqueItems":
        return "expected each entry once, got a repeated entry"
    if validator == "minimum":
        return f"expected a number of at least {schema['minimum']}, got {describe_value(node)}"
    return str(error.message)


def _is_date_or_id(schema: dict[str, Any]) -> bool:
    return str(schema.get("pattern", "")).startswith(("^[0-9]{4}(-", "^[a-z0-9]+(-"))


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type", [])
    return [kind] if isinstance(kind, str) else list(kind)


def _expected(schema: dict[str, Any]) -> str:
    pattern = schema.get("pattern", "")
    if pattern.startswith("^[0-9]{4}(-"):
        return _EXAMPLES["date"]
    if pattern.startswith("^[a-z0-9]+(-"):
        return _EXAMPLES["id"]
    if pattern.startswith("^(https?://"):
        return "an http://, https:// or mailto: address"
    if pattern.startswith("^[a-z]{2,3}"):
        return "a language code like en, ko or zh-Hant"
    if pattern.startswith("^[^"):
        return "a name without control, zero-width or bidirectional-override characters and without < or >"
    if "description" in schema and pattern:
        return str(schema["description"]).rstrip(".")
    types = _types(schema)
    if types == ["string"]:
        return "a string"
    if types == ["integer"]:
        return "a whole number"
    if types == ["array"]:
        return "a list"
    if types == ["object"]:
        return "a mapping of fields"
    if types == ["boolean"]:
        return "true or false"
    return " or ".join(types) or "a valid value"


def describe_value(node: YNode) -> str:
    if isinstance(node.value, list):
        return "a list"
    if isinstance(node.value, dict):
        return "a mapping"
    if node.plain_type not in ("str", "timestamp"):
        return describe_plain(node)
    text = node.value if len(node.value) <= 60 else node.value[:57] + "..."
    return repr(text)


def _locate(root: YNode, steps: list[str | int]) -> tuple[YNode, str]:
    node, field_path = root, ""
    for step in steps:
        if isinstance(step, int) and isinstance(node.value, list):
            node = node.value[step]
            field_path += f"[{step}]"
        elif isinstance(step, str) and isinstance(node.value, dict):
            node = node.value[step]
            field_path = _join(field_path, step)
    return node, field_path


def _join(field_path: str, key: str) -> str:
    return f"{field_path}.{key}" if field_path else key
