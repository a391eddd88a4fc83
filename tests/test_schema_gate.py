"""The compiled schema gate (read/schema_gate.py) says "valid" exactly when jsonschema does.

check_against_schema asks the gate first and jsonschema only when the gate refuses, so a document
the gate accepts is never shown to jsonschema: one false accept would hide every message of a
broken fact sheet. Here both judge every fact sheet and source front matter of the golden cases,
the base project and the second fixture briefing, and thousands of documents made from them by
spoiling one value at a time (a wrong type, a bad date, an unknown field, a missing field, a
repeated alias...). They must agree on each; and with the gate on or off, every message is the same.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.model import KIND_FOLDERS
from briefing.problems import ContentError
from briefing.read import schema_check
from briefing.read.files import split_front_matter
from briefing.read.schema_gate import compile_gates
from briefing.read.yamlread import read_yaml
from briefing.read.ynode import YNode
from hostile_fixtures import make_project
from test_golden import CASES, case_files

REPO = Path(__file__).resolve().parents[1]
FIXTURE_B = Path(__file__).parent / "fixtures" / "briefing-b"


def documents(root: Path) -> Iterator[tuple[str, str, YNode]]:
    """(kind, path, tree) of every fact sheet and source front matter the YAML reader accepts."""
    for kind, folder in KIND_FOLDERS.items():
        for path in sorted((root / "briefings" / folder).glob("*.y*ml")):
            try:
                yield kind, path.name, read_yaml(path.read_text(encoding="utf-8"), path.name)
            except (ContentError, UnicodeDecodeError):
                continue
    for path in sorted((root / "sources").glob("*.md")):
        try:
            front, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path.name)
            yield "source", path.name, read_yaml(front, path.name, line_offset=1)
        except (ContentError, UnicodeDecodeError):
            continue


def projects(tmp_path: Path) -> Iterator[Path]:
    yield make_project(tmp_path / "base")
    for case in CASES:
        yield make_project(tmp_path / case, case_files(case))
    yield FIXTURE_B


def judges() -> tuple[Any, dict[str, Any]]:
    compiled = schema_check._validators(str((REPO / "schemas").resolve()))
    return compiled.validators, compiled.gates


def jsonschema_accepts(validators: dict[str, Any], kind: str, data: Any) -> bool:
    return not list(validators[kind].iter_errors(data))


def test_every_kind_has_a_gate() -> None:
    _, gates = judges()
    assert sorted(gates) == sorted(schema_check.SCHEMA_NAMES)
    assert all(gate is not None for gate in gates.values())


def test_the_gate_and_jsonschema_agree_on_every_golden_document(tmp_path: Path) -> None:
    validators, gates = judges()
    verdicts = {True: 0, False: 0}
    for root in projects(tmp_path):
        for kind, name, tree in documents(root):
            if not isinstance(tree.value, dict):
                continue
            data = schema_check._schema_data(tree)
            expected = jsonschema_accepts(validators, kind, data)
            assert gates[kind](data) == expected, f"{root.name}/{name}"
            verdicts[expected] += 1
    assert verdicts[True] > 20 and verdicts[False] > 10, verdicts  # both answers were put to the test


# What a spoilt value may become: every JSON type, the stand-in for y/yes/on, strings that break
# each pattern and length, and near misses of the numbers' bounds.
SPOILERS: list[Any] = [
    None, True, False, 0, 1, 7, -1, 2.0, 0.5, "", "x", "ab", "Kim", "kim-jong-un", "Kim-Jong-Un", "2023-09-11",
    "2023-13-01", "2023-9", "2023", "<b>", "a\u202eb", "x" * 81, "y" * 201, "z" * 401, "w" * 2001, [], ["a", "a"],
    ["a", "b"], [1, 1], [{}], {}, {"source": "wire"}, {"unknown": 1}, schema_check._DisputedBoolean(),
    "current", "alliance", "background", "likely", "high", "improved", "https://example.com", "javascript:x", "en",
]  # fmt: skip


def spoilt(data: Any) -> Iterator[Any]:
    """Copies of `data` with one value replaced, one field removed or one unknown field added."""
    paths: list[tuple[Any, ...]] = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(data, ())
    for path in paths:
        if not path:
            continue
        *head, last = path
        for spoiler in SPOILERS:
            changed = copy.deepcopy(data)
            parent = changed
            for step in head:
                parent = parent[step]
            parent[last] = spoiler
            yield changed
        changed = copy.deepcopy(data)
        parent = changed
        for step in head:
            parent = parent[step]
        if isinstance(parent, dict):
            del parent[last]
            yield changed
            parent = copy.deepcopy(parent)
        if isinstance(parent, dict):
            parent["sumary"] = "a field no schema has"
            yield changed
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))  # the same entry twice
            yield changed


@pytest.mark.parametrize("kind", schema_check.SCHEMA_NAMES)
def test_the_gate_never_accepts_what_jsonschema_refuses(kind: str, tmp_path: Path) -> None:
    validators, gates = judges()
    originals = []
    for root in projects(tmp_path):
        for found_kind, _, tree in documents(root):
            if found_kind == kind and isinstance(tree.value, dict):
                data = schema_check._schema_data(tree)
                if jsonschema_accepts(validators, kind, data) and data not in originals:
                    originals.append(data)
    assert originals, f"no valid {kind} document among the fixtures"
    tried = refused = 0
    for original in originals[:3]:
        for data in spoilt(original):
            expected = jsonschema_accepts(validators, kind, data)
            assert gates[kind](data) == expected, json.dumps(data, default=repr)[:400]
            tried += 1
            refused += not expected
    assert refused > tried // 3  # the spoilers do spoil


def test_with_or_without_the_gate_every_message_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def messages() -> list[str]:
        schema_check.forget_validators()
        found = []
        for root in projects(tmp_path):
            for kind, name, tree in documents(root):
                found += [p.format() for p in schema_check.check_against_schema(tree, kind, name, REPO / "schemas")]
        return found

    with_gate = messages()
    monkeypatch.setattr(schema_check, "compile_gates", lambda documents, roots: dict.fromkeys(roots))
    without_gate = messages()
    schema_check.forget_validators()
    assert with_gate == without_gate
    assert len(with_gate) > 10


@pytest.mark.parametrize(
    "schema",
    [
        {"allOf": [{"type": "string"}]},
        {"oneOf": [{"type": "string"}]},
        {"not": {"type": "string"}},
        {"if": {"type": "string"}, "then": {"minLength": 2}},
        {"type": "object", "patternProperties": {"^x": {}}, "additionalProperties": False},
        {"type": "array", "prefixItems": [{"type": "string"}], "items": False},
        {"properties": {"a": {"$ref": "#nowhere"}}},
        {"$defs": {"a": {"$anchor": "here"}}, "$ref": "#here"},
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"},
    ],
)
def test_a_schema_with_a_keyword_the_gate_does_not_know_gets_no_gate(schema: dict[str, Any]) -> None:
    uri = "file:///schemas/x.schema.json"
    assert compile_gates({uri: {**schema, "$id": uri}}, {"x": uri}) == {"x": None}


def test_references_between_schema_files_and_recursion_are_followed() -> None:
    base = "file:///schemas/"
    tree = {
        "$id": base + "tree.schema.json",
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"$ref": "names.schema.json#/$defs/name"},
            "children": {"type": "array", "items": {"$ref": "#"}},
        },
    }
    names = {"$id": base + "names.schema.json", "$defs": {"name": {"type": "string", "pattern": "^[a-z]+$"}}}
    gate = compile_gates({tree["$id"]: tree, names["$id"]: names}, {"tree": tree["$id"]})["tree"]
    assert gate is not None
    assert gate({"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]})
    assert not gate({"name": "a", "children": [{"name": "b", "children": [{"name": "C"}]}]})
    assert not gate({"name": "a", "children": [{"children": []}]})
