"""Fact-sheet fields that link entities into records: relations, memberships, events, tenures.

Kept apart from records.py, which reads the fields every sheet has. Each function takes the
sheet's `RecordBuilder` so that references and date problems are collected the same way.
"""

from __future__ import annotations

from typing import Protocol

from briefing.model import Citation, Dated, Membership, Origin, PartialDate, Participant, Predecessor, Relation
from briefing.problems import Problem
from briefing.read.ynode import YNode


class _Result(Protocol):
    problems: list[Problem]


class RecordBuilder(Protocol):
    """What these readers need of `records.RecordBuilder` (a protocol: records.py imports this module)."""

    path: str
    failed: bool

    @property
    def result(self) -> _Result: ...
    def text(self, node: YNode) -> str: ...
    def optional_text(self, fields: dict[str, YNode], key: str) -> str | None: ...
    def date(self, node: YNode, field: str) -> PartialDate: ...
    def optional_date(self, fields: dict[str, YNode], key: str, field: str) -> PartialDate | None: ...
    def reference(self, node: YNode, kinds: tuple[str, ...], field: str) -> str: ...
    def citations(self, node: YNode, field: str) -> tuple[Citation, ...]: ...
    def origin(self, node: YNode, field: str) -> Origin: ...


ANY_KIND = ("country", "leader", "organisation", "topic", "event")
MEMBER_KINDS = ("country", "organisation")


def _order(builder: RecordBuilder, fields: dict[str, YNode], field: str, first: str, then: str, what: str) -> None:
    """An error at `then` when it is written and comes before `first` (both read as dates)."""
    if first not in fields or then not in fields:
        return
    try:
        start, end = PartialDate.parse(builder.text(fields[first])), PartialDate.parse(builder.text(fields[then]))
    except ValueError:
        return  # reported where the date is read
    if end < start:
        node = fields[then]
        builder.failed = True
        message = f"{end.iso()} is before {first} ({start.iso()}); {what}"
        builder.result.problems.append(
            Problem(builder.path, node.line, node.col, f"{field}.{then}".lstrip("."), message)
        )


def relations(builder: RecordBuilder, fields: dict[str, YNode]) -> tuple[Relation, ...]:
    node = fields.get("relations")
    if node is None or not isinstance(node.value, list):
        return ()
    found = []
    for index, item in enumerate(node.value):
        field = f"relations[{index}]"
        values = item.value
        assert isinstance(values, dict)
        _order(builder, values, field, "from", "to", "a relation cannot end before it starts")
        found.append(
            Relation(
                type=builder.text(values["type"]),
                other=builder.reference(values["with"], ANY_KIND, f"{field}.with"),
                status=builder.text(values["status"]),
                as_of=builder.date(values["as_of"], f"{field}.as_of"),
                citations=builder.citations(values["citations"], f"{field}.citations"),
                origin=builder.origin(values["with"], f"{field}.with"),
                start=builder.optional_date(values, "from", field),
                end=builder.optional_date(values, "to", field),
                note=builder.optional_text(values, "note"),
            )
        )
    return tuple(found)


def memberships(builder: RecordBuilder, fields: dict[str, YNode]) -> tuple[Membership, ...]:
    node = fields.get("members")
    if node is None or not isinstance(node.value, list):
        return ()
    found = []
    for index, item in enumerate(node.value):
        field = f"members[{index}]"
        values = item.value
        assert isinstance(values, dict)
        _order(builder, values, field, "joined", "left", "a member cannot leave before joining")
        _order(builder, values, field, "joined", "suspended", "a member cannot be suspended before joining")
        found.append(
            Membership(
                member=builder.reference(values["id"], MEMBER_KINDS, f"{field}.id"),
                as_of=builder.date(values["as_of"], f"{field}.as_of"),
                citations=builder.citations(values["citations"], f"{field}.citations"),
                origin=builder.origin(values["id"], f"{field}.id"),
                joined=builder.optional_date(values, "joined", field),
                suspended=builder.optional_date(values, "suspended", field),
                left=builder.optional_date(values, "left", field),
                note=builder.optional_text(values, "note"),
            )
        )
    return tuple(found)


def founded(builder: RecordBuilder, fields: dict[str, YNode]) -> Dated | None:
    node = fields.get("founded")
    if node is None or not isinstance(node.value, dict):
        return None
    values = node.value
    return Dated(
        builder.date(values["date"], "founded.date"), builder.citations(values["citations"], "founded.citations")
    )


def predecessor(builder: RecordBuilder, fields: dict[str, YNode]) -> Predecessor | None:
    node = fields.get("predecessor")
    if node is None or not isinstance(node.value, dict):
        return None
    values = node.value
    return Predecessor(
        builder.reference(values["id"], ("organisation",), "predecessor.id"),
        builder.citations(values["citations"], "predecessor.citations"),
        builder.origin(values["id"], "predecessor.id"),
    )


def event_fields(builder: RecordBuilder, fields: dict[str, YNode]) -> dict[str, object]:
    """The keyword arguments of `Entity` that only events have."""
    _order(builder, fields, "", "date", "end", "an event cannot end before it starts")
    participants = []
    node = fields["participants"]
    assert isinstance(node.value, list)
    for index, item in enumerate(node.value):
        values = item.value
        assert isinstance(values, dict)
        where = f"participants[{index}].id"
        entity = builder.reference(values["id"], ANY_KIND, where)
        participants.append(
            Participant(entity, builder.optional_text(values, "role"), builder.origin(values["id"], where))
        )
    return {
        "date": builder.date(fields["date"], "date"),
        "end": builder.date(fields["end"], "end") if "end" in fields else None,
        "expected": fields["expected"].to_data() is True if "expected" in fields else False,
        "place": builder.optional_text(fields, "place"),
        "event_type": builder.text(fields["type"]),
        "participants": tuple(participants),
        "event_citations": builder.citations(fields["citations"], "citations"),
    }
