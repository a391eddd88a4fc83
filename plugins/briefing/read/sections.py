"""The fact sections a briefing lists facts under: configured in mkdocs.yml, mirrored in the editors' schema.

A briefing configures its sections (`plugins: - briefing: sections: [{id, label}, ...]`); the default
is `DEFAULT_SECTIONS`. The JSON Schema editors use cannot read mkdocs.yml, so `schemas/common.schema.json`
carries the ids as an enum, and `schema_enum_problems` makes the build and `briefing check` fail
when that enum and the configuration disagree: editors and the build then always check the same list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing.problems import Problem

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_FILE = "common.schema.json"


@dataclass(frozen=True)
class Section:
    """A heading of entity pages: `id` is what facts write as `section:`, `label` what readers see."""

    id: str
    label: str


DEFAULT_SECTIONS = (
    Section("background", "Background"),
    Section("politics", "Politics and government"),
    Section("military", "Military and weapons"),
    Section("security", "Security and insurgency"),
    Section("diplomacy", "Diplomacy and relations"),
    Section("economy", "Economy and sanctions"),
    Section("humanitarian", "Humanitarian"),
    Section("statements", "Statements and positions"),
)
EXAMPLE = "sections: [{id: background, label: Background}, {id: security, label: Security and insurgency}]"


def parse_sections(raw: Any) -> tuple[Section, ...]:
    """The `sections` option as records; ValueError with a contributor's message when it is malformed."""
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"expected a list of {{id, label}} mappings, e.g. {EXAMPLE}; got {raw!r}")
    sections: list[Section] = []
    for index, item in enumerate(raw):
        where = f"sections[{index}]"
        if not isinstance(item, dict) or set(item) != {"id", "label"}:
            raise ValueError(f"{where}: expected a mapping with exactly id and label, e.g. {EXAMPLE}; got {item!r}")
        section_id, label = item["id"], item["label"]
        if not isinstance(section_id, str) or not _ID.match(section_id):
            expected = "an id like security (lower-case words joined by hyphens)"
            raise ValueError(f"{where}.id: expected {expected}, got {section_id!r}")
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"{where}.label: expected a heading like 'Security and insurgency', got {label!r}")
        if any(s.id == section_id for s in sections):
            raise ValueError(f"{where}.id: {section_id!r} is listed twice")
        sections.append(Section(section_id, label.strip()))
    return tuple(sections)


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml as data: tags such as !ENV or !!python/name read as their plain value."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _untagged)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def configured_sections(config_file: Path) -> tuple[Section, ...]:
    """The sections mkdocs.yml configures for the briefing plugin, else the default (also with no mkdocs.yml).

    For `briefing check`, which runs without MkDocs. Raises ValueError naming the file.
    """
    if not config_file.is_file():
        return DEFAULT_SECTIONS
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValueError(f"{config_file.name}: cannot be read: {exc}") from None
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("briefing"), dict) and "sections" in entry["briefing"]:
            try:
                return parse_sections(entry["briefing"]["sections"])
            except ValueError as exc:
                raise ValueError(f"{config_file.name}: plugins.briefing.{exc}") from None
    return DEFAULT_SECTIONS


def schema_enum_problems(schemas_dir: Path, rel_dir: str, sections: tuple[Section, ...]) -> list[Problem]:
    """A problem when the section enum of the editors' schema is not the configured list of ids."""
    path = schemas_dir / SCHEMA_FILE
    try:
        text = path.read_text(encoding="utf-8")
        schema = json.loads(text)
    except (OSError, ValueError):
        return []  # a missing or broken schema is reported where the schemas are loaded
    section = schema.get("$defs", {}).get("section") if isinstance(schema, dict) else None
    enum = section.get("enum") if isinstance(section, dict) else None
    wanted = [s.id for s in sections]
    if enum == wanted:
        return []
    line = next((n for n, t in enumerate(text.splitlines(), 1) if '"section"' in t), 0)
    return [
        Problem(
            f"{rel_dir}/{SCHEMA_FILE}",
            line,
            0,
            "$defs.section.enum",
            f"expected the section ids mkdocs.yml configures, {json.dumps(wanted)}, got {json.dumps(enum)}; "
            "make the enum that list, so editors check the sections the build accepts",
        )
    ]
