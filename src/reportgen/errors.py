"""The one error family: every failure names the file and the place inside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong, at one place (a JSON path, a template paragraph, ...)."""

    location: str
    message: str

    def format(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class ReportgenError(Exception):
    """Base of every error reportgen raises on purpose; the CLI prints it without a traceback."""

    exit_code = 1

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
        if not self.problems:
            return prefix + self.message
        lines = [prefix + self.message]
        lines += [f"  {prefix}{p.format()}" for p in self.problems]
        return "\n".join(lines)


class UsageError(ReportgenError):
    """The command line itself is wrong."""

    exit_code = 2


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
