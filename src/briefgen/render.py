"""The Jinja environment, the brief as HTML, and the PDF through WeasyPrint.

Templates are looked up in the author's folder first, then in the package, where the built-ins live
under ``default/``: ``"brief.html.j2"`` names the author's override when there is one, while
``"default/brief.html.j2"`` always names the built-in, so an override can extend it and replace a
single block. Article text is always escaped, and WeasyPrint may only read ``data:`` URIs and files
inside the allowed folders.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

from .charts import format_period, timeline_events
from .errors import ConfigError, RenderError, TemplateError
from .model import Brief, Citation, KeyFigure

if TYPE_CHECKING:
    from .config import ThemeSection

log = logging.getLogger(__name__)

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
ENTRY_TEMPLATE = "brief.html.j2"
STYLESHEETS = ("default/brief.css", "theme.css")  # the built-in stylesheet, then the house theme if present
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
#: Written when no --pdf-variant is given: a tagged PDF (structure tree, /Lang, alt text) that declares
#: PDF/UA-1. Every other variant is tagged as well, so an archival PDF/A-3b stays accessible.
DEFAULT_PDF_VARIANT = "pdf/ua-1"
# Theme values go into a <style> block, where HTML escaping does not apply: allow plain CSS values only.
_SAFE_CSS_VALUE = re.compile(r"^[\w\s#%.,()'\"+-]*$")


# --------------------------------------------------------------------------- environment


class _OverrideLoader(jinja2.FileSystemLoader):
    """The author's folder; ``default/…`` is left to the package so it always names the built-in."""

    def get_source(self, environment, template):
        if template.startswith("default/"):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)


def search_path(templates_dir: Path | None) -> list[Path]:
    """Folders searched for templates and stylesheets, first match wins."""
    folders = [Path(templates_dir)] if templates_dir and Path(templates_dir).is_dir() else []
    return [*folders, PACKAGE_TEMPLATES, PACKAGE_TEMPLATES / "default"]


def make_environment(*, templates_dir: Path | None) -> jinja2.Environment:
    """A Jinja environment over the author's templates (if the folder exists) and the built-ins."""
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir and Path(templates_dir).is_dir():
        loaders.append(_OverrideLoader(str(templates_dir)))
    loaders += [jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)), jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES / "default"))]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,  # every template, whatever its extension: article text is never trusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["template_folders"] = search_path(templates_dir)
    env.filters.update(
        period=format_period,
        number=format_number,
        figure_value=format_figure_value,
        cite=cite,
        first_words=first_words,
        source_label=source_label,
    )
    return env


# --------------------------------------------------------------------------- filters


def format_number(value: float, *, digits: int = 3) -> str:
    """12500000 -> '12.5 million', 2500 -> '2,500', 0.25 -> '0.25'."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.{digits}g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}g}" if abs(value) < 1000 else f"{value:,.0f}"


def format_figure_value(figure: KeyFigure) -> str:
    """The normalised value with its unit: '€2.8 billion', '25 %', '1,200 troops'."""
    number = format_number(figure.value)
    if figure.unit == "percent":
        return f"{number} %"
    if figure.unit == "count":
        return number
    if sign := _CURRENCY_SIGNS.get(figure.unit):
        return f"{sign}{number}"
    if re.fullmatch(r"[A-Z]{3}", figure.unit):
        return f"{figure.unit} {number}"
    return f"{number} {figure.unit}"


def cite(citations: list[Citation] | list[int]) -> Markup:
    """Citation links such as [1][4], each pointing at its entry in the sources appendix."""
    ids = sorted({c.source_id if isinstance(c, Citation) else int(c) for c in citations})
    links = (f'<a class="cite" href="#source-{i}">[{i}]</a>' for i in ids)
    return Markup("".join(links))


def first_words(text: str, *, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def source_label(source) -> str:
    """The source's title, or 'Untitled' with its first summary words so a reader can tell it apart."""
    if source.title:
        return source.title
    opening = source.summary[0].text if source.summary else ""
    return f"Untitled: {first_words(opening)}" if opening else "Untitled"


# --------------------------------------------------------------------------- HTML


def _template_error(exc: Exception) -> TemplateError:
    """Name the template file and line that broke, so the author knows where to look."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        return TemplateError(f"{where}: {exc.message}. Fix the template, or remove it to use the built-in.")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"template {exc.name!r} not found. Searched: {', '.join(map(str, exc.templates or [exc.name]))}")
    where = "template"
    tb = exc.__traceback__
    while tb is not None:  # Jinja maps template frames onto the template's own file and line
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".jinja")):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return TemplateError(f"{where}: {type(exc).__name__}: {exc}. Fix the template, or remove it to use the built-in.")


def _theme_css(theme: ThemeSection) -> dict[str, Markup]:
    values = {}
    for field in ("accent", "accent_light", "font_body", "font_heading", "page_size"):
        value = getattr(theme, field)
        if not _SAFE_CSS_VALUE.match(value) or "url(" in value.lower():
            raise ConfigError(f"theme.{field} = {value!r} is not a plain CSS value; use a colour, font list or size.")
        values[field] = Markup(value)
    return values


def _find_asset(name: str, folders: list[Path]) -> Path | None:
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    return None


def render_html(brief: Brief, *, env: jinja2.Environment, theme: ThemeSection, output_dir: Path,
                language: str = "en", author: str | None = None) -> str:
    """The brief as one HTML document; relative links (charts/…) resolve against *output_dir*."""
    folders = env.globals.get("template_folders", search_path(None))
    stylesheets = []
    for name in STYLESHEETS:
        if found := _find_asset(name, folders):
            stylesheets.append(found.resolve().as_uri())
    logo = _find_asset(theme.logo, folders) if theme.logo else None
    if theme.logo and logo is None:
        log.warning("theme.logo %s not found in %s", theme.logo, ", ".join(map(str, folders)))
    context = {
        "brief": brief,
        "theme": theme,
        "theme_css": _theme_css(theme),
        "language": language,
        "author": author,
        "stylesheets": stylesheets,
        "logo": logo.resolve().as_uri() if logo else None,
        "charts": {chart.name: chart for chart in brief.charts},
        "timeline": timeline_events(brief),
        "headline": max(brief.figures, key=lambda f: (len(f.sources), -len(f.conflicting)), default=None),
        "output_dir": str(output_dir),
    }
    try:
        return env.get_template(ENTRY_TEMPLATE).render(context)
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise _template_error(exc) from exc


# --------------------------------------------------------------------------- PDF


def _is_inside(path: Path, folders: list[Path]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def make_url_fetcher(allowed_dirs: list[Path]):
    """A WeasyPrint URL fetcher that reads data: URIs and files inside *allowed_dirs*, nothing else."""
    from urllib.parse import unquote, urlsplit

    from weasyprint import URLFetcher

    folders = [Path(d).resolve() for d in allowed_dirs]

    class RestrictedFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"data", "file"})
            self.requested: list[str] = []  # every URL asked for, allowed or not: tests and logs read it
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            self.requested.append(url)
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and _is_inside(Path(unquote(parts.path)).resolve(), folders):
                return super().fetch(url, headers)
            self.refused.append(url)
            log.warning("refused to fetch %s: only files in %s may be read", url, ", ".join(map(str, folders)))
            raise ValueError(f"briefgen refused to fetch {url}: outside the template and output folders")

    return RestrictedFetcher()


def _creation_date(brief: Brief) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the edition's build time."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    else:
        try:
            moment = datetime.fromisoformat(brief.edition.generated.replace("Z", "+00:00"))
        except ValueError:
            moment = datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def pdf_variants() -> list[str]:
    """The PDF variants WeasyPrint can write, such as pdf/ua-1 and pdf/a-3b."""
    from weasyprint.pdf import VARIANTS

    return sorted(name for name in VARIANTS if name != "debug")


def check_pdf_variant(variant: str | None) -> str:
    """*variant* in lower case (the default when None), or a ConfigError listing the ones that exist."""
    name = (variant or DEFAULT_PDF_VARIANT).strip().lower()
    if name not in pdf_variants():
        raise ConfigError(f"--pdf-variant {variant!r} is not one WeasyPrint writes; use one of: {', '.join(pdf_variants())}.")
    return name


def write_pdf(html: str, pdf_path: Path, *, base_dir: Path, allowed_dirs: list[Path], brief: Brief,
              variant: str | None = None, author: str | None = None, keywords: list[str] | None = None,
              subject: str | None = None, language: str = "en", url_fetcher=None) -> None:
    """Lay out *html* with WeasyPrint and write the PDF atomically to *pdf_path*.

    The PDF is always tagged; *variant* is a WeasyPrint variant name (default pdf/ua-1, or pdf/a-3b for
    archives, see :func:`pdf_variants`).
    """
    from weasyprint import HTML

    variant = check_pdf_variant(variant)
    fetcher = url_fetcher or make_url_fetcher(allowed_dirs)
    pdf_path = Path(pdf_path)
    try:
        document = HTML(string=html, base_url=str(Path(base_dir).resolve()) + os.sep, url_fetcher=fetcher).render()
        meta = document.metadata
        meta.title = brief.title
        meta.description = subject or brief.issue
        meta.keywords = list(keywords or [])
        meta.authors = [author] if author else []
        meta.generator = f"briefgen {brief.edition.version}"
        meta.created = meta.modified = _creation_date(brief)
        meta.lang = language
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=pdf_path.parent, prefix=f".{pdf_path.name}.", suffix=".tmp")
        os.close(fd)
        try:
            os.chmod(tmp, 0o644)  # mkstemp makes owner-only files; the brief is meant to be shared
            # pdf_tags: WeasyPrint keeps it for the variants that do not set it (the PDF/A b levels).
            document.write_pdf(tmp, pdf_variant=variant, pdf_tags=True, pdf_identifier=_identifier(brief))
            os.replace(tmp, pdf_path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception as exc:
        raise RenderError(f"could not write {pdf_path}: {type(exc).__name__}: {exc}") from exc


def _identifier(brief: Brief) -> bytes:
    # A stable file identifier keeps two builds of the same brief byte-identical.
    import hashlib

    return hashlib.md5(f"{brief.title}\n{brief.edition.generated}".encode()).hexdigest().encode()
