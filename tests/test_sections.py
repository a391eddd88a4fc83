"""The fact sections: configured in mkdocs.yml, checked against the editors' schema, shown in that order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.read.sections import (
    DEFAULT_SECTIONS,
    Section,
    configured_sections,
    parse_sections,
    schema_enum_problems,
)
from conftest import MKDOCS_YML, Project

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
CUSTOM = [
    {"id": "humanitarian", "label": "Humanitarian situation"},
    {"id": "security", "label": "Security and insurgency"},
    {"id": "statements", "label": "What they said"},
]
CUSTOM_YML = MKDOCS_YML.replace(
    '      today: "2026-11-22"\n',
    '      today: "2026-11-22"\n      sections:\n'
    + "".join(f"        - {{id: {s['id']}, label: {s['label']}}}\n" for s in CUSTOM),
)


def test_default_sections_are_the_schema_enum_shipped() -> None:
    schema = json.loads((SCHEMAS / "common.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["section"]["enum"] == [s.id for s in DEFAULT_SECTIONS]
    assert [s.label for s in DEFAULT_SECTIONS if s.id in ("security", "humanitarian")] == [
        "Security and insurgency",
        "Humanitarian",
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (None, "expected a list of {id, label} mappings, e.g. sections: [{id: background, label: Background}, {id: security, label: Security and insurgency}]; got None"),
        ([], "expected a list of {id, label} mappings, e.g. sections: [{id: background, label: Background}, {id: security, label: Security and insurgency}]; got []"),
        (["security"], "sections[0]: expected a mapping with exactly id and label, e.g. sections: [{id: background, label: Background}, {id: security, label: Security and insurgency}]; got 'security'"),
        ([{"id": "Security", "label": "S"}], "sections[0].id: expected an id like security (lower-case words joined by hyphens), got 'Security'"),
        ([{"id": "a", "label": " "}], "sections[0].label: expected a heading like 'Security and insurgency', got ' '"),
        ([{"id": "a", "label": "A"}, {"id": "a", "label": "B"}], "sections[1].id: 'a' is listed twice"),
    ],
)  # fmt: skip
def test_malformed_sections_are_refused_with_an_example(raw: object, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_sections(raw)
    assert str(caught.value) == message


def test_sections_are_read_from_mkdocs_yml_whatever_its_tags(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    assert configured_sections(config) == DEFAULT_SECTIONS  # no mkdocs.yml
    config.write_text("site_name: !ENV [NAME, x]\nplugins:\n  - search\n  - briefing\n", encoding="utf-8")
    assert configured_sections(config) == DEFAULT_SECTIONS
    config.write_text(CUSTOM_YML, encoding="utf-8")
    assert configured_sections(config) == tuple(Section(s["id"], s["label"]) for s in CUSTOM)
    config.write_text(CUSTOM_YML.replace("id: security", "id: Security"), encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        configured_sections(config)
    assert str(caught.value) == (
        "mkdocs.yml: plugins.briefing.sections[1].id: expected an id like security (lower-case words joined by "
        "hyphens), got 'Security'"
    )


def section_enum_line() -> int:
    """The line of the section definition in the shipped common schema, where the message points."""
    lines = (SCHEMAS / "common.schema.json").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if line.strip() == '"section": {') + 1


def test_a_schema_enum_that_differs_from_the_configuration_is_a_problem() -> None:
    assert schema_enum_problems(SCHEMAS, "schemas", DEFAULT_SECTIONS) == []
    [problem] = schema_enum_problems(SCHEMAS, "schemas", (Section("security", "S"),))
    assert problem.format() == (
        f"schemas/common.schema.json:{section_enum_line()}: $defs.section.enum: expected the section ids mkdocs.yml "
        'configures, ["security"], '
        'got ["background", "politics", "military", "security", "diplomacy", "economy", "humanitarian", "statements"]; '
        "make the enum that list, so editors check the sections the build accepts"
    )


def custom_project(project: Project) -> Project:
    """A project with three configured sections and its schema's enum set to match."""
    (project.root / "mkdocs.yml").write_text(CUSTOM_YML, encoding="utf-8")
    schema_path = project.root / "schemas/common.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["$defs"]["section"]["enum"] = [s["id"] for s in CUSTOM]
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    project.write(
        "sources/camp.md",
        """\
        ---
        published: '2024-03'
        language: en
        ---
        Aid agencies said the camp at Dorla now shelters 40,000 people.

        Armed groups attacked two convoys on the northern road.

        The governor said the road would reopen within a week.
        """,
    )
    project.write(
        "briefings/countries/velmora.yml",
        """\
        name: Velmora
        summary: A country in the fixture's region.
        facts:
          - {text: Two convoys were attacked., as_of: '2024-03', section: security, citations: [{source: camp, paragraph: 2}]}
          - {text: The camp shelters forty thousand people., as_of: '2024-03', section: humanitarian, citations: [{source: camp, paragraph: 1}]}
          - {text: The road is to reopen., as_of: '2024-03', section: statements, citations: [{source: camp, paragraph: 3}]}
        """,
    )
    return project


@pytest.mark.slow
def test_configured_sections_head_the_facts_in_their_order(project: Project) -> None:
    custom_project(project)
    assert project.check().returncode == 0
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = project.html("countries/velmora/index.html")
    headings = re.findall(r'<h2 id="[^"]*">(.*?)<a class="headerlink"', html) or re.findall(
        r"<h2[^>]*>(.*?)</h2>", html
    )
    assert [h for h in headings if h in ("Humanitarian situation", "Security and insurgency", "What they said")] == [
        "Humanitarian situation",
        "Security and insurgency",
        "What they said",
    ]


@pytest.mark.slow
def test_a_section_not_configured_is_refused_with_the_allowed_ones(project: Project) -> None:
    custom_project(project)
    sheet = project.root / "briefings/countries/velmora.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("section: statements", "section: diplomacy"))
    expected = (
        "briefings/countries/velmora.yml:6:63: facts[2].section: expected one of humanitarian, security, statements, "
        "got 'diplomacy'"
    )
    assert expected in project.check().stdout.splitlines()
    result = project.build()
    assert result.returncode == 1
    assert f"ERROR   -  briefing: {expected}" in result.stderr


@pytest.mark.slow
def test_a_schema_left_behind_the_configuration_fails_check_and_build(project: Project) -> None:
    (project.root / "mkdocs.yml").write_text(CUSTOM_YML, encoding="utf-8")
    message = (
        f"schemas/common.schema.json:{section_enum_line()}: $defs.section.enum: expected the section ids mkdocs.yml"
    )
    check = project.check()
    assert check.returncode == 1
    assert check.stdout.startswith(message), check.stdout
    build = project.build()
    assert build.returncode == 1
    assert f"ERROR   -  briefing: {message}" in build.stderr


@pytest.mark.slow
def test_a_malformed_sections_option_stops_mkdocs_and_check(project: Project) -> None:
    (project.root / "mkdocs.yml").write_text(CUSTOM_YML.replace("id: security", "id: Security"), encoding="utf-8")
    build = project.build()
    assert build.returncode == 1
    assert (
        "Plugin 'briefing' option 'sections': sections[1].id: expected an id like security (lower-case words joined "
        "by hyphens), got 'Security'"
    ) in build.stderr
    check = project.check()
    assert check.returncode == 1
    assert check.stderr == (
        "mkdocs.yml: plugins.briefing.sections[1].id: expected an id like security (lower-case words joined by "
        "hyphens), got 'Security'\n"
    )
