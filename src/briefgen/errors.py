"""briefgen's exceptions.

    BriefgenError                 every error briefgen raises on purpose
    ├── SourceError               recoverable: one source is skipped and listed as excluded
    │   └── ReaderUnavailable     the reader for a format needs a package that is not installed
    └── FatalError                the run stops; the previous brief is left as it was
        ├── ConfigError           briefgen.toml or a flag is wrong (exit 2)
        ├── ModelError            the spaCy model cannot be loaded
        ├── TemplateError         a template is missing or broken (names the file and line)
        ├── RenderError           HTML, chart or PDF output failed
        └── LockedError           another build holds the lock (exit 3)

Messages are written for the person running briefgen: they say what went wrong and what to do.
"""

from __future__ import annotations


class BriefgenError(Exception):
    """Base class of every error briefgen raises on purpose."""

    exit_code = 1


class SourceError(BriefgenError):
    """A source cannot be used. The build skips it and lists it, with this message, as excluded."""


class ReaderUnavailable(SourceError):
    """The reader for this format needs an optional package that is not installed."""


class FatalError(BriefgenError):
    """The build cannot go on. Outputs from the previous build are left untouched."""


class ConfigError(FatalError):
    exit_code = 2

    def __init__(self, problems: list[str] | str, *, path: str | None = None):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.path = path
        where = f"{path}: " if path else ""
        if len(self.problems) == 1:
            message = f"{where}{self.problems[0]}"
        else:
            lines = "\n".join(f"  - {p}" for p in self.problems)
            message = f"{where}{len(self.problems)} problems in the configuration:\n{lines}"
        super().__init__(message)


class ModelError(FatalError):
    pass


class TemplateError(FatalError):
    pass


class RenderError(FatalError):
    pass


class NoSourcesError(FatalError):
    """No source can be used: the folder has no articles, or every one was excluded. A brief of nothing
    would replace the last good one (a scheduled job would publish it), so the build fails instead."""


class LockedError(FatalError):
    exit_code = 3
