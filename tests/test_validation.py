"""Loader and schema validation: a fact sheet in, the exact lines a contributor reads out."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from briefing.problems import ContentError
from briefing.read.schema_check import check_against_schema
from briefing.read.yamlread import read_yaml
from briefing.read.ynode import YNode, plain_scalar_type

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
PATH = "briefings/leaders/x.yml"
GOOD_FACT = """\
facts:
  - text: A claim.
    as_of: 2025-01
    citations: [{source: s, quote: a quote}]
"""


def problems_of(kind: str, text: str) -> list[str]:
    try:
        tree = read_yaml(textwrap.dedent(text), PATH)
    except ContentError as exc:
        return [exc.problem.format()]
    return [p.format() for p in check_against_schema(tree, kind, PATH, SCHEMAS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: X\nsummary: S.\nfacts: []\nroles: []\n",
            [],
        ),
        (
            "name: X\nsumary: S.\nfacts: []\nroles: []\n",
            [
                f"{PATH}:1:1: summary: missing required field",
                f"{PATH}:2:1: sumary: unknown field; did you mean 'summary'?",
            ],
        ),
        (
            "name: X\nsummary: S.\nroles: []\n" + GOOD_FACT.replace("2025-01", "2025-1"),
            [f"{PATH}:6:12: facts[0].as_of: expected a date like 2023-09-11, 2025-01 or '2023', got '2025-1'"],
        ),
        (
            "name: X\nsummary: S.\nroles: []\nfacts:\n  - text: A claim.\n    as_of: 2025-01\n    citations: []\n",
            [
                f"{PATH}:7:16: facts[0].citations: an uncited claim: give at least one citation, "
                "e.g. - {source: <source id>, quote: '...'}"
            ],
        ),
        (
            "name: X\nsummary: S.\nroles: []\n" + GOOD_FACT + "    section: militray\n",
            [
                f"{PATH}:8:14: facts[0].section: expected one of background, politics, military, security, diplomacy, "
                "economy, humanitarian, statements, got 'militray'"
            ],
        ),
        (
            "name: X\nsummary: S.\nfacts: []\nroles:\n  - title: President\n    status: current\n"
            "    as_of: 2025-01\n    country: North Korea\n    citations: [{source: s, paragraph: 0}]\n",
            [
                f"{PATH}:8:14: roles[0].country: expected an id like kim-jong-un (lower-case words joined by "
                "hyphens), got 'North Korea'",
                f"{PATH}:9:40: roles[0].citations[0].paragraph: expected a number of at least 1, got unquoted 0 "
                "(YAML reads it as a number)",
            ],
        ),
        (
            "name: X\nsummary: S.\nfacts: []\nroles: {}\n",
            [f"{PATH}:4:8: roles: expected a list, got a mapping"],
        ),
        (
            "- name: X\n",
            [f"{PATH}:1:1: expected a mapping of fields, got a list"],
        ),
        (
            "name: [X]\nsummary: S.\nfacts: []\nroles: []\n",
            [f"{PATH}:1:7: name: expected a string, got a list"],
        ),
    ],
)
def test_leader_sheet_messages(text: str, expected: list[str]) -> None:
    assert problems_of("leader", text) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("plain words", "str"),
        ("Kim Jong-un", "str"),
        ("NO", "bool"),
        ("off", "bool"),
        ("012", "int"),
        ("0x1F", "int"),
        ("12:30", "int"),
        ("1e3", "float"),
        ("1.5", "float"),
        (".inf", "float"),
        ("~", "null"),
        ("null", "null"),
        ("2025-01-06", "timestamp"),
        ("2025-01", "str"),
        ("2023-09-11 10:00:00", "timestamp"),
        ("Yes, Minister", "str"),
    ],
)
def test_what_yaml_makes_of_unquoted_values(text: str, kind: str) -> None:
    assert plain_scalar_type(text) == kind


def test_every_value_keeps_its_position() -> None:
    tree = read_yaml("name: X\nfacts:\n  - text: |\n      A claim.\n", PATH)
    assert isinstance(tree.value, dict)
    facts = tree.value["facts"]
    assert isinstance(facts.value, list)
    first = facts.value[0]
    assert isinstance(first, YNode) and isinstance(first.value, dict)
    text = first.value["text"]
    assert (text.value, text.line, text.col, first.keys["text"].line) == ("A claim.\n", 3, 11, 3)


def test_front_matter_lines_are_counted_from_the_file_start() -> None:
    with pytest.raises(ContentError) as exc:
        read_yaml("title: a\ntitle: b\n", "sources/x.md", line_offset=1)
    assert exc.value.problem.format() == (
        "sources/x.md:3:1: title: duplicate key (first at line 2); YAML would silently keep only the last one"
    )


def test_a_date_field_holding_an_unquoted_time_asks_for_a_date() -> None:
    text = "name: X\nsummary: S.\nroles: []\nfacts:\n  - text: A.\n    as_of: 12:30\n    citations: [{source: s}]\n"
    assert problems_of("leader", text) == [
        f"{PATH}:6:12: facts[0].as_of: expected a date like 2023-09-11, 2025-01 or '2023', got unquoted 12:30 "
        "(YAML reads it as the number 750); put it in quotes: '12:30'"
    ]


def test_a_fact_sheet_with_an_upper_case_suffix_is_named_not_skipped(tmp_path: Path) -> None:
    from briefing.pipeline import Layout, load_briefing

    (tmp_path / "briefings" / "countries").mkdir(parents=True)
    (tmp_path / "briefings" / "countries" / "japan.YML").write_text("name: Japan\nsummary: S.\nfacts: []\n")
    loaded = load_briefing(Layout(tmp_path, schemas_dir=str(SCHEMAS)))
    assert [p.format() for p in loaded.problems] == [
        "briefings/countries/japan.YML: the file name ends in '.YML'; rename it to end in '.yml'"
    ]


@pytest.mark.parametrize("value", ["off", "on", "yes", "no", "Y", "NO"])
def test_a_boolean_field_takes_only_what_both_yaml_versions_read_as_true_or_false(value: str) -> None:
    text = f"name: X\nsummary: S.\nfold_diacritics: {value}\nfacts: []\nroles: []\n"
    assert problems_of("leader", text) == [
        f"{PATH}:3:18: fold_diacritics: expected true or false, got unquoted {value} (YAML 1.1 reads it as "
        "true/false, YAML 1.2 and editors as a string); write true or false"
    ]


@pytest.mark.parametrize("value", ["true", "false", "True", "FALSE"])
def test_true_and_false_are_booleans_to_both_yaml_versions(value: str) -> None:
    assert problems_of("leader", f"name: X\nsummary: S.\nfold_diacritics: {value}\nfacts: []\nroles: []\n") == []


@pytest.mark.parametrize(("value", "col"), [("2.0", 40), ("1e3", 40), ("0.5", 40)])
def test_a_paragraph_number_with_a_decimal_point_gets_one_message(value: str, col: int) -> None:
    text = f"name: X\nsummary: S.\nroles: []\nfacts:\n  - text: A.\n    as_of: '2025'\n    citations: [{{source: s, paragraph: {value}}}]\n"
    assert problems_of("leader", text) == [
        f"{PATH}:7:{col}: facts[0].citations[0].paragraph: expected a whole number like 2, got unquoted {value} "
        "(YAML reads it as a number)"
    ]
