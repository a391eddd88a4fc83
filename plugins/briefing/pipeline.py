"""The whole front half of the pipeline: read, validate, cross-check. One call for CLI and plugin."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from briefing.check.crossref import check_citations, check_references, check_source_hashes
from briefing.check.dates import check_dates
from briefing.check.hedges import check_hedges
from briefing.check.links import check_country_codes, check_members_and_participants, check_offices, check_relations
from briefing.check.quotes import keep_searches_of
from briefing.link.crosslinks import build_index
from briefing.link.linking import AliasIndex
from briefing.model import Briefing
from briefing.problems import Problem, has_errors, sorted_problems
from briefing.read.cache import ReadCache
from briefing.read.files import read_all
from briefing.read.sections import DEFAULT_SECTIONS, Section, schema_enum_problems
from briefing.read.vocabulary import relation_wording
from briefing.render.pictures.locator_map import known_country_codes


@dataclass(frozen=True)
class Layout:
    """Where content lives, relative to the project root, and the sections facts are listed under."""

    root: Path
    briefings_dir: str = "briefings"
    sources_dir: str = "sources"
    schemas_dir: str = "schemas"
    sections: tuple[Section, ...] = DEFAULT_SECTIONS


@dataclass(frozen=True)
class Loaded:
    briefing: Briefing
    problems: list[Problem]
    index: AliasIndex

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


class BuildDayError(ValueError):
    """The build day cannot be known: `setting` (today, SOURCE_DATE_EPOCH) holds no date."""

    def __init__(self, setting: str, message: str, expected: str) -> None:
        super().__init__(message)
        self.setting = setting
        self.expected = expected
        """The one-line explanation a command prints: the setting, what it takes, what it holds."""


def build_day(configured: str | None = None) -> date:
    """The day the site is built, as dates are judged: the plugin's `today` option, else
    SOURCE_DATE_EPOCH, else the clock. Raises BuildDayError (a ValueError) for a malformed option or variable."""
    if configured:
        try:
            return date.fromisoformat(configured)
        except ValueError as exc:
            raise BuildDayError("today", str(exc), f"expected a date like 2026-11-22, got {configured!r}") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            message = f"expected whole seconds since 1970 like 1700000000, got {epoch!r}"
            raise BuildDayError("SOURCE_DATE_EPOCH", f"SOURCE_DATE_EPOCH: {message}", message) from None
    return date.today()


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running or refusing its tags (!!python/name:..., !ENV): they become None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def configured_today(root: Path, config_file: str = "mkdocs.yml") -> str | None:
    """The briefing plugin's `today` option in the project's mkdocs.yml, for commands run without MkDocs."""
    try:
        config = yaml.load((root / config_file).read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return None
    plugins = config.get("plugins") if isinstance(config, dict) else None
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else [next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins or []]
    )
    for name, options in entries:
        if name == "briefing" and isinstance(options, dict) and options.get("today"):
            return str(options["today"])
    return None


def load_briefing(layout: Layout, today: date | None = None, cache: ReadCache | None = None) -> Loaded:
    """Read and check everything; all problems of the run, in file order. Dates are judged against
    `today`, by default the build day as the MkDocs plugin reckons it (see build_day); `cache` keeps
    readings between builds (serve)."""
    if today is None:
        today = build_day(configured_today(layout.root))
    result = read_all(layout.root, layout.briefings_dir, layout.sources_dir, layout.root / layout.schemas_dir, cache)
    keep_searches_of(result.sources.values())
    unreadable_sources = result.source_ids - set(result.sources)
    problems = list(result.problems)
    problems.extend(schema_enum_problems(layout.root / layout.schemas_dir, layout.schemas_dir, layout.sections))
    problems.extend(check_references(result))
    problems.extend(check_citations(result, unreadable_sources))
    problems.extend(check_source_hashes(result.sources))
    wording = relation_wording(layout.root / layout.schemas_dir)
    known = {e.id: e for e in result.entities.values()}
    problems.extend(check_relations(known, wording))
    problems.extend(check_offices(known.values()))
    problems.extend(check_members_and_participants(known.values()))
    problems.extend(check_country_codes(known.values(), known_country_codes()))
    problems.extend(check_hedges(result.entities, result.sources))
    problems.extend(check_dates(result, today))
    index, clashes = build_index(Briefing(result.entities, {}))
    problems.extend(clashes)
    briefing = Briefing(
        entities=dict(sorted(result.entities.items())), sources=dict(sorted(result.sources.items())), wording=wording
    )
    return Loaded(briefing, sorted_problems(problems), index)
