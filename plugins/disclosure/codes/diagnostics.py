"""Problems found in the content, and the one line format editors read them in.

Every rule reports a `Diagnostic`, made by its registered rule (`rules.E201.at(...)`); nothing
raises. The format is the contract of docs/reference.md: ``path:line: CODE message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place.

    `path` is relative to the repository root and uses forward slashes; `line` is 1-based
    and 1 when no better line exists. `severity` comes from the registry and the agency's
    `rules:` in catalogue.yaml (error, warning or notice), never from the code's first letter.
    """

    path: str
    line: int
    code: str
    message: str
    severity: str = field(compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def as_text(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command, so the line is annotated in the pull request."""
        level = "error" if self.is_error else "warning" if self.is_warning else "notice"
        message = _escape_github(self.message)
        return f"::{level} file={_escape_property(self.path)},line={self.line},title={self.code}::{message}"


def _escape_github(text: str) -> str:
    # GitHub's workflow-command escaping: %, CR and LF would end or corrupt the command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # A property's value (the file's path) is also ended by "," and ":" (actions/toolkit's escapeProperty): a file
    # named a,line=9,title=x.md would move the annotation and retitle it.
    return _escape_github(text).replace(":", "%3A").replace(",", "%2C")


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, then line, so that an editor reads a file's problems together.

    Within one line and code the rules' own order stays (e.g. E300 names missing sections in
    the catalogue's required order, not in character-code order)."""
    return sorted(dict.fromkeys(diagnostics), key=lambda d: (d.path, d.line, d.code))


def noted(problems: list[Diagnostic], code: str, note: str) -> list[Diagnostic]:
    """The same problems, with `note` added to the message of each one of `code`."""
    return [replace(d, message=d.message + note) if d.code == code else d for d in problems]


def with_severities(diagnostics: Iterable[Diagnostic], severities: dict[str, str]) -> list[Diagnostic]:
    """The same problems, at the severity the agency set for their code (catalogue.yaml `rules:`)."""
    return [replace(d, severity=severities[d.code]) if d.code in severities else d for d in diagnostics]


def count_errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.is_error)


def count_warnings(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.is_warning)


FORMATTERS = {"text": Diagnostic.as_text, "github": Diagnostic.as_github}
