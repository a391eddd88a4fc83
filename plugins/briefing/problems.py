"""Problems found in the content: what a contributor reads, with file, line, column and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file. `line` and `col` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    col: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """`briefings/leaders/x.yml:14:5: roles[1].from: expected ..., got ...`"""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        field = f"{self.field}: " if self.field else ""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{field}{self.message}"

    def format_github(self) -> str:
        """The same problem as a GitHub workflow annotation command."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_property(self.path)}"]
        if self.line:
            props.append(f"line={self.line}")
        if self.col:
            props.append(f"col={self.col}")
        props.append(f"title={_escape_property(self.field or 'briefing')}")
        return f"::{kind} {','.join(props)}::{_escape_data(self.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order (file, line, column), duplicates dropped."""
    return sorted(set(problems))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


class ContentError(Exception):
    """Raised by a reader for a problem that stops it reading the rest of a file."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


class Refused(Exception):
    """An authoring command wrote nothing: the message says why, naming the file or option concerned."""
