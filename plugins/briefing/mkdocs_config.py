"""The plugin's options in mkdocs.yml, as MkDocs reads them: part of the MkDocs adapter (mkdocs_plugin.py)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from briefing.read.sections import DEFAULT_SECTIONS, Section, parse_sections


class SectionsOption(base.BaseConfigOption[tuple[Section, ...]]):
    """`sections: [{id: security, label: Security and insurgency}, ...]`, checked when mkdocs.yml is read."""

    def __init__(self) -> None:
        super().__init__()
        self.default = None

    def run_validation(self, value: object) -> tuple[Section, ...]:
        if value is None:
            return DEFAULT_SECTIONS
        try:
            return parse_sections(value)
        except ValueError as exc:
            raise base.ValidationError(str(exc)) from None


class BriefingConfig(base.Config):  # type: ignore[no-untyped-call]
    sources_dir = c.Type(str, default="sources")
    """Folder of source articles, relative to mkdocs.yml."""
    schemas_dir = c.Type(str, default="schemas")
    """Folder of the JSON Schemas, relative to mkdocs.yml."""
    today = c.Optional(c.Type(str))
    """The date roles are judged stale against (ISO); default SOURCE_DATE_EPOCH, else the build day."""
    stale_after_days = c.Type(int, default=365)
    """A current or expected role whose newest source is older than this is marked stale."""
    link_every_mention = c.Type(bool, default=False)
    """Link every mention of a name, not only the first in each section."""
    search_index = c.Choice(("full", "pages", "auto"), default="full")
    """'pages': one search entry per page, which keeps file:// search fast at thousands of pages;
    'auto': the same, only once the index has more than 1,500 entries (the offline edition)."""
    search_text_limit = c.Type(int, default=300)
    """With search_index 'pages': characters of each page's text kept in the index."""
    pictures = c.Type(bool, default=True)
    """Draw relations graphs, locator maps and timeline pictures; false leaves only their tables and
    lists, which is useful only to measure what the pictures cost a build."""
    whats_new_commits = c.Type(int, default=500)
    """What's new and the feed read at most this many commits of the content's git history."""
    whats_new_days = c.Type(int, default=365)
    """...and none older than this many days before the newest of them (never measured from the clock)."""
    sections = SectionsOption()
    """The headings facts are listed under, in page order: `{id, label}` each; facts write the id."""
