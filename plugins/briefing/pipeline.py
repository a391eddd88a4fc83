"""The whole front half of the pipeline: read, validate, cross-check. One call for CLI and plugin."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.check.crossref import check_citations, check_references, check_source_hashes
from briefing.check.hedges import check_hedges
from briefing.link.crosslinks import build_index
from briefing.link.linking import AliasIndex
from briefing.model import Briefing
from briefing.problems import Problem, has_errors, sorted_problems
from briefing.read.files import read_all


@dataclass(frozen=True)
class Layout:
    """Where content lives, relative to the project root."""

    root: Path
    briefings_dir: str = "briefings"
    sources_dir: str = "sources"
    schemas_dir: str = "schemas"


@dataclass(frozen=True)
class Loaded:
    briefing: Briefing
    problems: list[Problem]
    index: AliasIndex

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


def load_briefing(layout: Layout) -> Loaded:
    """Read and check everything; all problems of the run, in file order."""
    result = read_all(layout.root, layout.briefings_dir, layout.sources_dir, layout.root / layout.schemas_dir)
    unreadable_sources = result.source_ids - set(result.sources)
    problems = list(result.problems)
    problems.extend(check_references(result))
    problems.extend(check_citations(result, unreadable_sources))
    problems.extend(check_source_hashes(result.sources))
    problems.extend(check_hedges(result.entities, result.sources))
    index, clashes = build_index(Briefing(result.entities, {}))
    problems.extend(clashes)
    briefing = Briefing(entities=dict(sorted(result.entities.items())), sources=dict(sorted(result.sources.items())))
    return Loaded(briefing, sorted_problems(problems), index)
