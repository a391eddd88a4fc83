"""The analyst's own voice on a fact sheet: summary citations, key judgements, topic status.

Read apart from records.py because they are assessments about the facts rather than facts:
each still carries citations, which `check/` verifies like any other.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.model import Entity, Judgement, StatusEntry
from briefing.problems import Problem
from briefing.read.records import RecordBuilder
from briefing.read.ynode import YNode

# ICD 203's estimative terms, from least to most likely; the schema lists the same words.
LIKELIHOODS = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certainly",
)
CONFIDENCES = ("low", "moderate", "high")
ASSESSMENTS = ("deteriorated", "unchanged", "improved", "resolved")


def with_assessments(builder: RecordBuilder, tree: YNode, entity: Entity) -> Entity:
    """`entity` with the summary's citations, key judgements and status entries of its sheet."""
    fields = tree.value
    assert isinstance(fields, dict)
    summary_node = fields.get("summary_citations")
    summary_citations = builder.citations(summary_node, "summary_citations") if summary_node else ()
    judgements = tuple(
        _judgement(builder, node, f"key_judgements[{i}]", len(entity.facts))
        for i, node in enumerate(_items(fields.get("key_judgements")))
    )
    status = tuple(
        sorted(
            (_status(builder, node, f"status[{i}]") for i, node in enumerate(_items(fields.get("status")))),
            key=lambda s: s.date,
        )
    )
    if not (summary_citations or judgements or status):
        return entity
    return replace(entity, summary_citations=summary_citations, key_judgements=judgements, status=status)


def _items(node: YNode | None) -> list[YNode]:
    return node.value if node is not None and isinstance(node.value, list) else []


def _judgement(builder: RecordBuilder, node: YNode, field: str, fact_count: int) -> Judgement:
    fields = node.value
    assert isinstance(fields, dict)
    numbers: list[int] = []
    for index, item in enumerate(_items(fields.get("facts"))):
        number = int(item.value)  # type: ignore[arg-type]  # the schema allows integers only
        if number > fact_count:
            builder.failed = True
            builder.result.problems.append(
                Problem(builder.path, item.line, item.col, f"{field}.facts[{index}]",
                        f"the sheet has {fact_count} facts, not {number}; give the number of a fact "
                        "in this sheet's facts list (1 is the first)")
            )  # fmt: skip
        numbers.append(number)
    citations_node = fields.get("citations")
    return Judgement(
        text=builder.text(fields["text"]),
        likelihood=builder.text(fields["likelihood"]),
        confidence=builder.text(fields["confidence"]),
        citations=builder.citations(citations_node, f"{field}.citations") if citations_node else (),
        origin=builder.origin(node, field),
        facts=tuple(numbers),
    )


def _status(builder: RecordBuilder, node: YNode, field: str) -> StatusEntry:
    fields = node.value
    assert isinstance(fields, dict)
    citations_node = fields.get("citations")
    return StatusEntry(
        date=builder.date(fields["date"], f"{field}.date"),
        assessment=builder.text(fields["assessment"]),
        text=builder.text(fields["text"]),
        citations=builder.citations(citations_node, f"{field}.citations") if citations_node else (),
        origin=builder.origin(node, field),
    )
