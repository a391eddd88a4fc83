"""`briefing new`: a fact sheet that passes the schema as written, every other field shown in comments."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from briefing.authoring.add_source import derive_id, project_folder, valid_id, write_new_file
from briefing.model import KIND_FOLDERS
from briefing.pipeline import Layout
from briefing.problems import ContentError, Refused
from briefing.read.files import FACT_SHEET_SUFFIXES
from briefing.read.schema_check import check_against_schema
from briefing.read.sections import DEFAULT_SECTIONS
from briefing.read.yamlread import read_yaml


@dataclass(frozen=True)
class NewFactSheet:
    path: str
    """Where the skeleton was written, relative to the project root."""
    entity_id: str


# Commented examples, one block per field; uncommenting a block means deleting "# " from each line.
_EXAMPLE_CITATION = """\
#     citations:                  # one or more sources backing it
#       - source: 2025-01-06-example-article    # a file in sources/, without .md
#         quote: "an exact passage of that article"   # or paragraph: 3 (the paragraph number)"""
_KIND_FIELDS = {
    "country": """\
# The ISO 3166-1 alpha-2 code, and the capital with a citation:
# iso_code: KP
# capital:
#   name: Pyongyang
#   citations:
#     - source: 2025-01-06-example-article
#       quote: "North Korea's capital, Pyongyang"
""",
    "leader": f"""\
# The id of the country the leader is chiefly associated with (a file in briefings/countries/):
# country: japan

# Offices held. To add one, replace [] by this example, uncommented:
roles: []
#   - title: Prime Minister of Japan   # the office, as the sources name it
#     country: japan              # the id of the country, or organisation: the id of an organisation
#     status: current             # current, former or expected: what the sources say on as_of
#     from: '2024-10'             # optional: when the office began (to: when it ended)
#     as_of: '2025-01'            # the date of the newest source that supports the status
{_EXAMPLE_CITATION}
""",
    "organisation": """\
# What kind of organisation this is:
# type: military alliance
""",
    "topic": """\
# The ids of the fact sheets this topic concerns (leaders, organisations and related_topics alike):
# countries: [north-korea, russia]
# leaders: [kim-jong-un]
""",
}


def fact_sheet_text(kind: str, name: str, entity_id: str, section_ids: tuple[str, ...] = ()) -> str:
    """A fact sheet that passes the schema as written, with every further field shown in comments."""
    who = "who" if kind == "leader" else "what"
    summary = f"TODO: one sentence saying {who} {name} is, as of the newest source."
    ids = section_ids or tuple(s.id for s in DEFAULT_SECTIONS)
    section = "diplomacy" if "diplomacy" in ids else ids[0]
    pad = " " * max(1, 28 - len(f"section: {section}"))
    sections = ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} or {ids[-1]}"
    return f"""\
# yaml-language-server: $schema=../../schemas/{kind}.schema.json
# Fact sheet of {name}, a {kind}. Other fact sheets refer to it by its id, the file name: {entity_id}
# Every claim needs a citation: a source article and an exact quote of it. After each change run
# `briefing check`; CONTRIBUTING.md explains every message it prints.

{_dump("name", name)}
# Other names the sources use, linked to this page wherever they appear (Kim Jong Un has [Kim Jong-un]):
aliases: []
# Names in another language or script, linked like aliases (Kim Jong Un has [김정은]):
# native_names: []
# Names shared with another fact sheet, such as a bare surname, never linked (Kim Jong Un has [Kim]):
# ambiguous_aliases: []

# One sentence, replacing the placeholder:
{_dump("summary", summary)}

{_KIND_FIELDS[kind]}
# Claims, each listed under its section. To add one, replace [] by this example, uncommented:
facts: []
#   - text: Met Vladimir Putin in Vladivostok.   # the claim, in the briefing's own words
#     as_of: '2025-01'            # the date of the newest source backing the claim
#     date: '2023-09-11'          # optional: when it happened; puts the fact on timelines
#     section: {section}{pad}# {sections}
#     about: [russia]             # optional: ids of other fact sheets the fact concerns
{_EXAMPLE_CITATION}
"""


def _dump(key: str, value: str) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, width=1_000_000).rstrip("\n")


def new_fact_sheet(layout: Layout, kind: str, name: str, entity_id: str | None = None) -> NewFactSheet:
    """Write a schema-valid skeleton fact sheet for `name`, with commented examples to copy."""
    if kind not in KIND_FOLDERS:
        raise Refused(f"unknown kind {kind!r}; expected one of: {', '.join(KIND_FOLDERS)}")
    name = " ".join(name.split())
    if not name:
        raise Refused('name: is empty; give the name as the sources write it, e.g. "Shigeru Ishiba"')
    entity_id = entity_id if entity_id is not None else derive_id(name)
    if not entity_id:
        raise Refused(
            f"cannot make an id from {name!r}: it has no Latin letters; give one with --id, e.g. --id kim-jong-un"
        )
    folder = f"{layout.briefings_dir}/{KIND_FOLDERS[kind]}"
    rel = f"{folder}/{entity_id}.yml"
    valid_id(entity_id, rel)
    project_folder(layout, layout.briefings_dir, "--root")
    for other_kind, other_folder in KIND_FOLDERS.items():
        for suffix in FACT_SHEET_SUFFIXES:
            other = f"{layout.briefings_dir}/{other_folder}/{entity_id}{suffix}"
            if (layout.root / other).exists() and other != rel:
                raise Refused(
                    f"{entity_id!r} is already the id of {other} ({other_kind}); ids are unique across kinds, "
                    "so choose another with --id"
                )
    text = fact_sheet_text(kind, name, entity_id, tuple(s.id for s in layout.sections))
    try:
        problems = check_against_schema(read_yaml(text, rel), kind, rel, layout.root / layout.schemas_dir)
    except ContentError as exc:
        problems = [exc.problem]
    if problems:  # only the name can be at fault: the rest of the skeleton is fixed text
        raise Refused("\n".join(f"name: {p.message}" for p in problems))
    (layout.root / folder).mkdir(exist_ok=True)
    write_new_file(layout.root / rel, rel, text)
    return NewFactSheet(rel, entity_id)


# --- Source articles ---
