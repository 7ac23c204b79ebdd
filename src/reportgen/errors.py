"""The one error family: every failure names the file and the place inside it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

EXIT_OK = 0
"""Everything asked for was done."""
EXIT_FAILED = 1
"""A report (input, template, conversion, output) failed, or --strict found warnings."""
EXIT_USAGE = 2
"""The command line is wrong."""
EXIT_INTERNAL = 70
"""A bug in reportgen (EX_SOFTWARE): reported without a traceback."""
EXIT_INTERRUPTED = 130
"""Ctrl-C (128 + SIGINT)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong, at one place (a JSON path, a template paragraph, ...) of one file."""

    location: str
    message: str
    file: Path | None = None
    """The file the location is in, when it is not the file the whole message is about."""

    def format(self) -> str:
        """Return "file: location: message", leaving out what is not known."""
        return ": ".join(str(part) for part in (self.file, self.location, self.message) if part)

    def format_in(self, default: Path | str | None) -> str:
        """Return the problem as one line naming its file: its own, else `default` (the file the
        command was working on)."""
        if self.file is not None or default is None:
            return self.format()
        return f"{default}: {self.format()}"

    def in_file(self, file: Path | str | None) -> Problem:
        """Return this problem placed in `file` (unless it already names one)."""
        if self.file is not None or file is None:
            return self
        return replace(self, file=Path(file))


@dataclass
class Result(Generic[T]):
    """A stage's value together with the warnings made while producing it (mammoth's Result)."""

    value: T
    warnings: list[Problem] = field(default_factory=list)

    def extend(self, warnings: Iterable[Problem]) -> Result[T]:
        """Add warnings; return self."""
        self.warnings.extend(warnings)
        return self


class ReportgenError(Exception):
    """Base of every error reportgen raises on purpose; the CLI prints it without a traceback."""

    exit_code = EXIT_FAILED

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.problems = list(problems or [])

    def format_message(self) -> str:
        """Return the message as the CLI prints it: one line per problem, each naming the file."""
        prefix = f"{self.path}: " if self.path is not None else ""
        lines = [prefix + self.message]
        lines += [f"  {problem.format_in(self.path)}" for problem in self.problems]
        return "\n".join(lines)


class UsageError(ReportgenError):
    """The command line itself is wrong."""

    exit_code = EXIT_USAGE


class StrictFailure(ReportgenError):
    """--strict and the run produced warnings."""


class InputError(ReportgenError):
    """The input file cannot be read or is not JSON."""


class ValidationFailed(ReportgenError):
    """The input is JSON but does not describe a valid report."""


class TemplateError(ReportgenError):
    """The .docx template is missing, broken, or does not fit the data."""


class ConversionError(ReportgenError):
    """The filled .docx cannot be turned into HTML."""


class PdfError(ReportgenError):
    """WeasyPrint could not make the PDF."""


class OutputError(ReportgenError):
    """The outputs cannot be written."""
