"""Fact-sheet trees into model records: the half of reading that knows the fields.

Cross-references cannot be checked while reading (the target may be read later), so
each reference is recorded as a `Reference` and checked by `crossref.py` once
everything is read. Date problems are collected here, not raised.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from briefing.model import Capital, Citation, Entity, Fact, Origin, PartialDate, Role, Source
from briefing.problems import Problem, Severity
from briefing.read import records_links
from briefing.read.name_rules import name_problem
from briefing.read.ynode import YNode

_T = TypeVar("_T")


@dataclass(frozen=True)
class Reference:
    """An id written in a fact sheet that must name an existing entity of one of `kinds`."""

    target: str
    kinds: tuple[str, ...]
    origin: Origin


@dataclass
class ReadResult:
    entities: dict[str, Entity]
    sources: dict[str, Source]
    references: list[Reference]
    problems: list[Problem]
    known_ids: dict[str, tuple[str, str]]
    """Every id claimed by a file, readable or not: id -> (kind, path). Avoids follow-on errors."""
    source_ids: set[str]
    """Every source file's id, readable or not."""


class RecordBuilder:
    """Turns schema-valid YAML trees into records; date problems are collected, not raised."""

    def __init__(self, path: str, result: ReadResult) -> None:
        self.path = path
        self.result = result
        self.failed = False

    def origin(self, node: YNode, field: str) -> Origin:
        return Origin(self.path, node.line, node.col, field)

    def text(self, node: YNode) -> str:
        assert isinstance(node.value, str)
        return unicodedata.normalize("NFC", node.value.strip())

    def optional_text(self, fields: dict[str, YNode], key: str) -> str | None:
        return self.text(fields[key]) if key in fields else None

    def texts(self, fields: dict[str, YNode], key: str) -> tuple[str, ...]:
        node = fields.get(key)
        return tuple(self.text(item) for item in node.value) if node and isinstance(node.value, list) else ()

    def date(self, node: YNode, field: str) -> PartialDate:
        try:
            return PartialDate.parse(self.text(node))
        except ValueError as exc:
            self.failed = True
            self.result.problems.append(Problem(self.path, node.line, node.col, field, str(exc)))
            return PartialDate(1)

    def optional_date(self, fields: dict[str, YNode], key: str, field: str) -> PartialDate | None:
        return self.date(fields[key], f"{field}.{key}") if key in fields else None

    def reference(self, node: YNode, kinds: tuple[str, ...], field: str) -> str:
        target = self.text(node)
        self.result.references.append(Reference(target, kinds, self.origin(node, field)))
        return target

    def references(self, fields: dict[str, YNode], key: str, kinds: tuple[str, ...], field: str) -> tuple[str, ...]:
        node = fields.get(key)
        if node is None or not isinstance(node.value, list):
            return ()
        return tuple(self.reference(item, kinds, f"{field}[{i}]") for i, item in enumerate(node.value))

    def citations(self, node: YNode, field: str) -> tuple[Citation, ...]:
        assert isinstance(node.value, list)
        found = []
        for index, item in enumerate(node.value):
            assert isinstance(item.value, dict)
            where = f"{field}[{index}]"
            quote_node = item.value.get("quote")
            paragraph_node = item.value.get("paragraph")
            anchor = quote_node or item.value["source"]
            found.append(
                Citation(
                    source_id=self.text(item.value["source"]),
                    quote=self.text(quote_node) if quote_node else None,
                    paragraph=int(paragraph_node.value) if paragraph_node else None,  # type: ignore[arg-type]
                    origin=self.origin(anchor, f"{where}.quote" if quote_node else f"{where}.source"),
                    credibility=int(item.value["credibility"].value) if "credibility" in item.value else 6,  # type: ignore[arg-type]
                    short_quote="short_quote" in item.value and item.value["short_quote"].to_data() is True,
                )
            )
        return tuple(found)

    def entity(self, tree: YNode, kind: str, entity_id: str) -> Entity:
        fields = tree.value
        assert isinstance(fields, dict)
        alias_lines = (
            (self.text(fields["name"]), fields["name"].line),
            *(
                (self.text(item), item.line)
                for key in ("aliases", "native_names", "ambiguous_aliases")
                for item in _items(fields.get(key))
            ),
        )
        self._check_names(fields)
        capital = self._capital(fields["capital"]) if "capital" in fields else None
        aliases = self.linked_names(fields, "aliases")
        if capital and capital.alias:
            aliases, alias_lines = self._capital_alias(fields, capital.name, aliases, alias_lines)
        summary = fields["summary"]
        if self.text(summary).startswith("TODO"):
            self.result.problems.append(
                Problem(self.path, summary.line, summary.col, "summary",
                        "still the placeholder written by 'briefing new'; say in one sentence what this is",
                        Severity.WARNING)
            )  # fmt: skip
        return Entity(
            kind=kind,
            id=entity_id,
            name=self.text(fields["name"]),
            summary=self.text(fields["summary"]),
            origin=Origin(self.path, tree.line, tree.col),
            aliases=aliases,
            native_names=self.linked_names(fields, "native_names"),
            ambiguous_aliases=self.texts(fields, "ambiguous_aliases"),
            fold_diacritics=fields["fold_diacritics"].to_data() if "fold_diacritics" in fields else True,
            case_sensitive=self.texts(fields, "case_sensitive"),
            not_links=self.texts(fields, "not_links"),
            facts=self._list(fields, "facts", self._fact),
            roles=self._list(fields, "roles", self._role),
            country=self.reference(fields["country"], ("country",), "country") if "country" in fields else None,
            capital=capital,
            iso_code=self.optional_text(fields, "iso_code"),
            iso_code_origin=self.origin(fields["iso_code"], "iso_code") if "iso_code" in fields else None,
            org_type=self.optional_text(fields, "type"),
            members={
                key: self.references(fields, key, kinds, key)
                for key, kinds in _TOPIC_MEMBERS.items()
                if kind == "topic" and key in fields
            },
            alias_lines=alias_lines,
            relations=records_links.relations(self, fields),
            memberships=records_links.memberships(self, fields),
            founded=records_links.founded(self, fields),
            predecessor=records_links.predecessor(self, fields),
            **(records_links.event_fields(self, fields) if kind == "event" else {}),  # type: ignore[arg-type]
        )

    def _capital_alias(
        self, fields: dict[str, YNode], name: str, aliases: tuple[str, ...], alias_lines: tuple[tuple[str, int], ...]
    ) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
        """`capital.alias: true`: the capital's name joins the aliases, unless they already list it."""
        capital = fields["capital"].value
        assert isinstance(capital, dict)
        node = capital["name"]
        if name in aliases:
            self.result.problems.append(
                Problem(self.path, node.line, node.col, "capital.alias",
                        f"{name!r} is also listed under aliases; remove it there (capital.alias: true makes it a name)")
            )  # fmt: skip
            return aliases, alias_lines
        return (*aliases, name), (*alias_lines, (name, node.line))

    def linked_names(self, fields: dict[str, YNode], key: str) -> tuple[str, ...]:
        """The names of a list that may be linked: a refused one (see _check_names) is left out."""
        exact = set(self.texts(fields, "case_sensitive"))
        return tuple(name for name in self.texts(fields, key) if not name_problem(name, name in exact))

    def _check_names(self, fields: dict[str, YNode]) -> None:
        """Names that would hijack common words or imitate another spelling; case_sensitive entries
        that are no name of the sheet; not_links phrases that are one."""
        named = [("name", fields["name"])]
        named += [
            (f"{key}[{i}]", item)
            for key in ("aliases", "native_names")
            for i, item in enumerate(_items(fields.get(key)))
        ]
        names = {self.text(node) for _, node in named}
        exact = {self.text(node) for node in _items(fields.get("case_sensitive"))}
        for field, node in named:
            if problem := name_problem(self.text(node), self.text(node) in exact):
                self.result.problems.append(Problem(self.path, node.line, node.col, field, problem))
        for index, node in enumerate(_items(fields.get("case_sensitive"))):
            if self.text(node) not in names:
                message = (
                    f"{self.text(node)!r} is not a name of this sheet; list names from name, aliases, native_names"
                )
                self.result.problems.append(
                    Problem(self.path, node.line, node.col, f"case_sensitive[{index}]", message)
                )
        folded = {name.casefold() for name in names}
        for index, node in enumerate(_items(fields.get("not_links"))):
            if self.text(node).casefold() in folded:
                message = f"{self.text(node)!r} is a name of this sheet; a phrase under not_links must never link"
                self.result.problems.append(Problem(self.path, node.line, node.col, f"not_links[{index}]", message))

    def _list(self, fields: dict[str, YNode], key: str, build: Callable[[YNode, str], _T]) -> tuple[_T, ...]:
        node = fields.get(key)
        if node is None or not isinstance(node.value, list):
            return ()
        return tuple(build(item, f"{key}[{index}]") for index, item in enumerate(node.value))

    def _fact(self, node: YNode, field: str) -> Fact:
        fields = node.value
        assert isinstance(fields, dict)
        return Fact(
            text=self.text(fields["text"]),
            as_of=self.date(fields["as_of"], f"{field}.as_of"),
            date=self.optional_date(fields, "date", field),
            section=self.text(fields["section"]) if "section" in fields else "background",
            about=self.references(fields, "about", _ANY_KIND, f"{field}.about"),
            citations=self.citations(fields["citations"], f"{field}.citations"),
            origin=self.origin(node, field),
            event=self.reference(fields["event"], ("event",), f"{field}.event") if "event" in fields else None,
            expected="expected" in fields and fields["expected"].to_data() is True,
            dated_at=self.dated_at(fields, ("as_of", "date"), field),
        )

    def dated_at(self, fields: dict[str, YNode], keys: tuple[str, ...], field: str) -> tuple[tuple[str, Origin], ...]:
        """Where each date field present was written, for problems that weigh dates against each other."""
        return tuple((key, self.origin(fields[key], f"{field}.{key}".lstrip("."))) for key in keys if key in fields)

    def _role(self, node: YNode, field: str) -> Role:
        fields = node.value
        assert isinstance(fields, dict)
        role = Role(
            title=self.text(fields["title"]),
            status=self.text(fields["status"]),
            as_of=self.date(fields["as_of"], f"{field}.as_of"),
            citations=self.citations(fields["citations"], f"{field}.citations"),
            origin=self.origin(node, field),
            country=self.reference(fields["country"], ("country",), f"{field}.country")
            if "country" in fields
            else None,
            organisation=(
                self.reference(fields["organisation"], ("organisation",), f"{field}.organisation")
                if "organisation" in fields
                else None
            ),
            start=self.optional_date(fields, "from", field),
            end=self.optional_date(fields, "to", field),
            note=self.optional_text(fields, "note"),
            office=self.optional_text(fields, "office"),
            head=self.optional_text(fields, "head"),
            dated_at=self.dated_at(fields, ("as_of", "from", "to"), field),
        )
        if role.start and role.end and role.end < role.start:
            self.failed = True
            self.result.problems.append(
                Problem(
                    self.path,
                    fields["to"].line,
                    fields["to"].col,
                    f"{field}.to",
                    f"the role ends ({role.end.iso()}) before it starts ({role.start.iso()})",
                )
            )
        return role

    def _capital(self, node: YNode) -> Capital:
        fields = node.value
        assert isinstance(fields, dict)
        alias = "alias" in fields and fields["alias"].to_data() is True
        return Capital(self.text(fields["name"]), self.citations(fields["citations"], "capital.citations"), alias)


def _items(node: YNode | None) -> list[YNode]:
    return node.value if node is not None and isinstance(node.value, list) else []


_ANY_KIND = records_links.ANY_KIND
_TOPIC_MEMBERS = {
    "countries": ("country",),
    "leaders": ("leader",),
    "organisations": ("organisation",),
    "related_topics": ("topic",),
}
