"""The ``briefgen`` command line. It parses arguments, sets up logging and calls the library.

Exit codes:
    0  the brief was built, or was already up to date
    1  the build failed (the previous brief is left in place)
    2  usage or configuration error
    3  another build holds the lock
    4  --strict was given and at least one source was excluded
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .config import Config, load_config
from .errors import BriefgenError, ConfigError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_STRICT = 0, 1, 2, 3, 4

app = typer.Typer(
    name="briefgen",
    help="Turn a folder of news articles into a cited PDF policy brief (plus HTML and JSON).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: rich mode eats "[default: …]" as markup and labels flags "<bool>".
    rich_markup_mode=None,
)
templates_app = typer.Typer(help="Work with the brief's templates.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(templates_app, name="templates")

log = logging.getLogger("briefgen")


# --------------------------------------------------------------------------- logging


class _JsonFormatter(logging.Formatter):
    """One JSON object per line. A record logged with ``extra={"fields": {...}}`` (the outcome of a
    build: ``outcome``, counts, stage seconds, ``exit_code``) carries those fields too, so a job
    can read how its build went without parsing the message."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None) or {}
        return json.dumps(
            {
                "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                "level": record.levelname.lower(),
                "logger": record.name,
                "message": record.getMessage(),
                **{k: v for k, v in fields.items() if k not in ("time", "level", "logger", "message")},
            },
            ensure_ascii=False,
        )


def setup_logging(*, log_format: str, quiet: bool, verbose: bool, default: int = logging.INFO) -> None:
    """Send logs to stderr: errors only if `quiet`, everything if `verbose`, else from `default` up."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    level = logging.ERROR if quiet else logging.DEBUG if verbose else default
    if log_format == "json":
        handler: logging.Handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_JsonFormatter())
    else:
        from rich.console import Console
        from rich.logging import RichHandler

        handler = RichHandler(
            console=Console(stderr=True),
            show_time=False,
            show_path=False,
            markup=False,
            rich_tracebacks=False,
        )
        handler.setFormatter(logging.Formatter("%(message)s"))
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("briefgen").setLevel(level)
    # Libraries we drive are chatty at INFO; their warnings still come through.
    for noisy in ("fontTools", "weasyprint", "urllib3", "trafilatura", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.ERROR if quiet else logging.WARNING)
    # The browser driver logs (and prints tracebacks for) messages it then ignores; a real failure
    # reaches us as an exception from the chart export instead.
    for driver in ("choreographer", "kaleido", "logistro"):
        logging.getLogger(driver).setLevel(logging.CRITICAL)


def _progress_factory(enabled: bool) -> Callable:
    @contextlib.contextmanager
    def progress(description: str, total: int) -> Iterator[Callable[[int], None]]:
        if not enabled or total == 0:
            yield lambda advance: None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task(description, total=total)
            yield lambda advance: bar.advance(task, advance)

    return progress


def _log_failure(exc: BriefgenError) -> None:
    log.error("%s", exc, extra={"fields": {"outcome": "failed", "error": type(exc).__name__, "exit_code": exc.exit_code}})


def _fail(exc: BriefgenError) -> typer.Exit:
    _log_failure(exc)
    return typer.Exit(exc.exit_code)


def _log_built(result) -> None:
    """The line that ends a build that wrote a brief; its fields are the outcome, for JSON logs."""
    brief = result.brief
    log.info(
        "built %s: %d sources (%d excluded), %d analysed, %d from the cache",
        result.output_dir / "brief.pdf",
        len(brief.included),
        len(brief.excluded),
        result.analysed,
        result.cached,
        extra={"fields": {
            "outcome": "built", "pdf": str(result.output_dir / "brief.pdf"), "sources": len(brief.included),
            "excluded": len(brief.excluded), "analysed": result.analysed, "cached": result.cached,
            "seconds": {stage: round(seconds, 2) for stage, seconds in result.timings.items()},
        }},
    )


def _config(config_file: Path | None, overrides: dict) -> Config:
    if config_file is not None and not config_file.exists():
        raise ConfigError(f"config file {config_file} does not exist. Create it, or leave out --config.")
    return load_config(config_file, overrides=overrides)


def _absolute(path: Path | None) -> str | None:
    return str(path.resolve()) if path is not None else None


# --------------------------------------------------------------------------- commands

ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", "-c", help="briefgen.toml to read; the paths in it are relative to its folder [default: ./briefgen.toml if present]."),
]
LogFormat = Annotated[str, typer.Option("--log-format", help="'text' for people, 'json' for machines.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Print debugging details.")]


@app.command(short_help="Build the brief (PDF, HTML, JSON) from the sources folder.")
def build(
    sources: Annotated[Optional[Path], typer.Option(help="Folder of articles [default: [paths] sources in the config, else ./sources].")] = None,
    output: Annotated[Optional[Path], typer.Option(help="Folder to write the brief to [default: [paths] output in the config, else ./output].")] = None,
    templates: Annotated[
        Optional[Path], typer.Option(help="Templates folder searched before the built-in ones [default: [paths] templates in the config, else ./templates].")
    ] = None,
    config_file: ConfigOption = None,
    sentences: Annotated[Optional[int], typer.Option(help="Sentences per source summary [default: [summary] sentences in the config, else 4].")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild everything, even when nothing changed.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 4 when any source is excluded.")] = False,
    wait: Annotated[float, typer.Option(help="Seconds to wait for another build's lock before giving up.")] = 0,
    pdf_variant: Annotated[
        Optional[str], typer.Option("--pdf-variant", help="PDF variant, e.g. pdf/a-3b for archives; always tagged [default: pdf/ua-1].")
    ] = None,
    log_format: LogFormat = "text",
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Build output/brief.pdf, brief.html and brief.json from the sources folder.

    \b
    Exit codes:
      0  built, or up to date
      1  the build failed; the previous brief is kept
      2  usage or config error
      3  another build holds the lock
      4  --strict, and a source was excluded
    """
    setup_logging(log_format=log_format, quiet=quiet, verbose=verbose)
    from .pipeline import build as run_build

    try:
        config = _config(
            config_file,
            {
                "paths.sources": _absolute(sources),
                "paths.output": _absolute(output),
                "paths.templates": _absolute(templates),
                "summary.sentences": sentences,
            },
        )
        if templates is not None and not templates.is_dir():
            raise ConfigError(f"--templates {templates}: no such folder.")
        if pdf_variant is not None:
            from .render import check_pdf_variant

            pdf_variant = check_pdf_variant(pdf_variant)  # a typo fails now, not after the analysis
        result = run_build(
            config,
            config_path=config_file or (Path("briefgen.toml") if Path("briefgen.toml").exists() else None),
            force=force,
            pdf_variant=pdf_variant,
            wait=wait,
            progress=_progress_factory(not quiet and log_format == "text" and sys.stderr.isatty()),
        )
    except BriefgenError as exc:
        raise _fail(exc) from None
    if result.status == "up to date":
        if not quiet:
            typer.echo(f"up to date: {result.output_dir / 'brief.pdf'}", err=True)
        return
    brief = result.brief
    _log_built(result)
    if strict and brief.excluded:
        log.error("--strict: %d source(s) were excluded", len(brief.excluded),
                  extra={"fields": {"outcome": "excluded sources", "exit_code": EXIT_STRICT}})
        raise typer.Exit(EXIT_STRICT)


@app.command(short_help="Show what the analysis finds in articles (--json for JSON Lines).")
def inspect(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders to analyse.", exists=True, metavar="FILE_OR_DIR")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per source (JSON Lines).")] = False,
    config_file: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only (warnings are printed by default).")] = False,
    verbose: Verbose = False,
) -> None:
    """Show what the analysis finds in some articles: entities, actors, figures, dates, quotes, summary.

    The model is loaded once for all of them. With --json, each source is one line of JSON. Progress
    is not logged, so that the report is all there is to read; warnings and errors go to stderr.
    """
    # The report is the output: progress messages would only be in its way.
    setup_logging(log_format="text", quiet=quiet, verbose=verbose, default=logging.WARNING)
    from .inspect import inspect_paths

    try:
        config = _config(config_file, {})
        records = inspect_paths(paths, config=config)
    except BriefgenError as exc:
        raise _fail(exc) from None
    for record in records:
        if as_json:
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            typer.echo(_describe(record))


def _describe(record: dict) -> str:
    if record.get("status") == "excluded":
        return f"{record['path']}: excluded: {record['reason']}\n"
    published = record.get("published")
    if published and record.get("published_from") == "text":
        published = f"{published} or later, inferred from the text"
    lines = [f"{record['path']} — {record.get('title') or 'untitled'} ({published or 'date unknown'})"]
    actors = sorted({e["actor"] for e in record["entities"] if e.get("actor")})
    lines.append(f"  actors: {', '.join(actors) or '—'}")
    for figure in record["figures"]:
        lines.append(f"  figure: {figure['text']} = {figure['value']:g} {figure['unit']} — {figure['measures']}")
    for time_ in record["times"]:
        if time_["value"] is None:  # 'midnight', 'recently': in the JSON, but no date to show here
            continue
        lines.append(f"  date: {time_['text']!r} → {time_['value']}")
    for quote in record["quotes"]:
        lines.append(f"  quote: {quote.get('speaker') or '?'} ({quote.get('cue') or '—'}): {quote['text'][:80]}")
    for sentence in record["summary"]:
        lines.append(f"  summary: {sentence['text']}")
    return "\n".join(lines) + "\n"


@app.command(short_help="Rebuild whenever the sources, templates or config change.")
def watch(
    config_file: ConfigOption = None,
    debounce: Annotated[float, typer.Option(help="Seconds of quiet after a change before rebuilding.")] = 2.0,
    log_format: LogFormat = "text",
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Rebuild the brief whenever sources/, templates/ or the config change (Ctrl-C to stop)."""
    setup_logging(log_format=log_format, quiet=quiet, verbose=verbose)
    from .charts import ChartExporter
    from .pipeline import build as run_build
    from .watch import watch as watch_paths

    try:
        config = _config(config_file, {})
    except BriefgenError as exc:
        raise _fail(exc) from None
    config_path = config_file or (Path("briefgen.toml") if Path("briefgen.toml").exists() else None)
    # What a rebuild can keep from the one before: spaCy's model (loaded once per process) and the
    # chart browser, started by the first build that needs it and closed when watching stops.
    exporter = ChartExporter(browser_path=config.charts.browser)

    def rebuild() -> None:
        nonlocal exporter
        try:
            fresh = _config(config_file, {})
            if exporter.browser_path != (fresh.charts.browser or exporter.browser_path):
                exporter.close()  # the config names another browser
                exporter = ChartExporter(browser_path=fresh.charts.browser)
            result = run_build(fresh, config_path=config_path, wait=60, exporter=exporter)
            if result.status == "built":
                _log_built(result)  # an unchanged build says "up to date" itself
        except BriefgenError as exc:
            _log_failure(exc)

    watched = [config.sources_dir, *([config.templates_dir] if config.templates_dir else [])]
    if config_path:
        watched.append(config_path.resolve())
    try:
        watch_paths(watched, rebuild, debounce=debounce)
    except KeyboardInterrupt:
        log.info("stopped watching")
    finally:
        exporter.close()


@templates_app.command("init", short_help="Copy a commented starting point for your own templates.")
def templates_init(
    directory: Annotated[Path, typer.Argument(help="Folder to create the starting point in.")] = Path("templates"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that already exist.")] = False,
) -> None:
    """Copy a commented starting point (layout override, theme stylesheet, README) into DIRECTORY."""
    from .render import PACKAGE_TEMPLATES

    starter = PACKAGE_TEMPLATES / "starter"
    directory.mkdir(parents=True, exist_ok=True)
    clashes = [p.name for p in starter.iterdir() if (directory / p.name).exists()]
    if clashes and not force:
        log.error("%s already has %s; nothing was copied. Use --force to overwrite.", directory, ", ".join(sorted(clashes)))
        raise typer.Exit(EXIT_USAGE)
    for path in sorted(starter.iterdir()):
        (directory / path.name).write_bytes(path.read_bytes())
        typer.echo(f"wrote {directory / path.name}")
    typer.echo(f"Point briefgen at it with --templates {directory} (or [paths] templates in briefgen.toml).")


@app.command(short_help="Print the JSON schema of brief.json and the template context.")
def schema() -> None:
    """Print the JSON schema of the brief: the template context and brief.json."""
    from .model import Brief

    typer.echo(json.dumps(Brief.model_json_schema(), indent=2))


@app.command(short_help="Print briefgen's version.")
def version() -> None:
    """Print briefgen's version."""
    typer.echo(__version__)


def _reproducible() -> None:
    """Under SOURCE_DATE_EPOCH, restart with a fixed hash seed: WeasyPrint's output follows the order
    of Python's hashed sets, so byte-identical PDFs need PYTHONHASHSEED fixed before start-up."""
    import os

    if os.environ.get("SOURCE_DATE_EPOCH") and os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, "-m", "briefgen.cli", *sys.argv[1:]])


def main() -> None:
    _reproducible()
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
