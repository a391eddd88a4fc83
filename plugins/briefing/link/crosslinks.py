"""Cross-link stage: the alias index of every fact sheet, and where each entity is mentioned.

Everything is collected from the model and the raw text of hand-written pages before any
page is rendered, because mentions form a graph: a page shows who mentions it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from briefing.link.linking import AliasIndex, AliasSpec, build_alias_index
from briefing.model import Briefing, Entity
from briefing.problems import Problem

SNIPPET_CONTEXT = 60

_FENCED_CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"`+[^`\n]*`+")
_LINK_OR_IMAGE = re.compile(r"(!?)\[([^\]]*)\]\([^)]*\)")
_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+", re.M)
_TAG = re.compile(r"<[^>\n]+>")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


@dataclass(frozen=True)
class Mentioned:
    """Where an entity is named: a source paragraph or a hand-written page, with its first mention."""

    page_uri: str
    title: str
    anchor: str | None
    count: int
    before: str
    match: str
    after: str


def alias_specs(briefing: Briefing) -> list[AliasSpec]:
    return [
        AliasSpec(
            entity_id=e.id,
            kind=e.kind,
            name=e.name,
            aliases=e.aliases,
            native_names=e.native_names,
            ambiguous_aliases=e.ambiguous_aliases,
            fold_diacritics=e.fold_diacritics,
            case_sensitive=e.case_sensitive,
            not_links=e.not_links,
            path=e.origin.path,
            alias_lines=e.alias_lines,
        )
        for e in briefing.entities.values()
    ]


def build_index(briefing: Briefing) -> tuple[AliasIndex, list[Problem]]:
    """The alias index; two sheets claiming one name is an error naming both files and lines."""
    index, clashes = build_alias_index(alias_specs(briefing))
    problems = []
    for clash in clashes:
        problems.append(
            Problem(
                clash.second.path,
                clash.second.line,
                0,
                "aliases",
                clash.description(),
            )
        )
    return index, problems


def _snippet(text: str, start: int, end: int) -> tuple[str, str, str]:
    before = text[max(0, start - SNIPPET_CONTEXT) : start]
    after = text[end : end + SNIPPET_CONTEXT]
    if start > SNIPPET_CONTEXT:
        before = "…" + before.split(" ", 1)[-1]
    if end + SNIPPET_CONTEXT < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return before, text[start:end], after


def mentions_in_sources(briefing: Briefing, index: AliasIndex) -> dict[str, list[Mentioned]]:
    """Per entity, each source that names it: how often, and the first paragraph and words."""
    found: dict[str, list[Mentioned]] = defaultdict(list)
    for source in briefing.sources.values():
        first: dict[str, tuple[int, str, int, int]] = {}
        counts: dict[str, int] = defaultdict(int)
        for paragraph in source.paragraphs:
            for mention in index.find_mentions(paragraph.text):
                counts[mention.entity_id] += 1
                first.setdefault(mention.entity_id, (paragraph.number, paragraph.text, mention.start, mention.end))
        for entity_id, (number, text, start, end) in first.items():
            before, match, after = _snippet(text, start, end)
            found[entity_id].append(
                Mentioned(f"sources/{source.id}.md", source.display_title, f"p{number}", counts[entity_id],
                          before, match, after)
            )  # fmt: skip
    return _sorted(found)


def readable_text(markdown: str) -> str:
    """Roughly the text a reader sees of a Markdown page: no code, link targets, images, tags or marks.

    Names are counted, and snippets cut, from this text, as the linker never links inside code.
    """
    text = _FRONT_MATTER.sub("", markdown)
    text = _FENCED_CODE.sub(" ", text)
    text = _INLINE_CODE.sub(" ", text)
    text = _LINK_OR_IMAGE.sub(lambda m: "" if m.group(1) else m.group(2), text)
    text = _HEADING_MARK.sub("", text)
    text = _TAG.sub(" ", text)
    return " ".join(text.split())


def mentions_in_pages(pages: Mapping[str, tuple[str, str]], index: AliasIndex) -> dict[str, list[Mentioned]]:
    """Per entity, each hand-written page (src_uri -> (title, Markdown)) that names it."""
    found: dict[str, list[Mentioned]] = defaultdict(list)
    for uri, (title, markdown) in sorted(pages.items()):
        text = readable_text(markdown)
        by_entity: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for mention in index.find_mentions(text):
            by_entity[mention.entity_id].append((mention.start, mention.end))
        for entity_id, spans in by_entity.items():
            before, match, after = _snippet(text, *spans[0])
            found[entity_id].append(Mentioned(uri, title, None, len(spans), before, match, after))
    return _sorted(found)


def _sorted(found: Mapping[str, list[Mentioned]]) -> dict[str, list[Mentioned]]:
    return {k: sorted(v, key=lambda m: (-m.count, m.page_uri)) for k, v in sorted(found.items())}


def outgoing_links(entity: Entity, index: AliasIndex) -> set[str]:
    """The entities a sheet's page links to: named ids, and names in its own text."""
    targets: set[str] = set()
    if entity.country:
        targets.add(entity.country)
    for role in entity.roles:
        targets.update(t for t in (role.country, role.organisation) if t)
    for members in entity.members.values():
        targets.update(members)
    texts: list[str] = [entity.summary]
    for fact in entity.facts:
        targets.update(fact.about)
        texts.append(fact.text)
    texts.extend(role.note for role in entity.roles if role.note)
    for text in texts:
        targets.update(m.entity_id for m in index.find_mentions(text))
    targets.discard(entity.id)
    return targets


def linked_from(entities: Iterable[Entity], index: AliasIndex) -> dict[str, list[str]]:
    """Per entity, the ids of the sheets whose pages link to it."""
    incoming: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for target in outgoing_links(entity, index):
            incoming[target].add(entity.id)
    return {k: sorted(v) for k, v in sorted(incoming.items())}
