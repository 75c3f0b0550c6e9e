"""The Jinja environment, the brief as HTML, and the PDF through WeasyPrint.

Templates are looked up in the author's folder first, then in the package, where the built-ins live
under ``default/``: ``"brief.html.j2"`` names the author's override when there is one, while
``"default/brief.html.j2"`` always names the built-in, so an override can extend it and replace a
single block. Article text is always escaped, and WeasyPrint may only read ``data:`` URIs and files
inside the allowed folders.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

from .charts import timeline_events
from .dateutil import format_period, is_period
from .digest import Digest
from .digest import digest as choose_digest
from .errors import ConfigError, RenderError, TemplateError
from .model import Brief, Citation, CitedSentence, KeyFigure

if TYPE_CHECKING:
    from .config import LimitsSection, ThemeSection

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
    env.tests["period"] = is_period  # {% if value is period %}: a date value such as 2019-FA, not free text
    env.tests["worth_a_card"] = worth_a_card
    env.filters.update(
        period=format_period,
        number=format_number,
        figure_value=format_figure_value,
        cite=_cite_in_context,
        first_words=first_words,
        source_label=source_label,
        unrepeated=unrepeated_quotes,
        said_once=said_once,
    )
    return env


# --------------------------------------------------------------------------- filters


def format_number(value: float, *, digits: int = 3) -> str:
    """12500000 -> '12.5 million', 2500 -> '2,500', 0.25 -> '0.25', 45.25 -> '45.25' (never rounded away)."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.{digits}g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"


def format_figure_value(figure: KeyFigure) -> str:
    """The normalised value with its unit: '€2.8 billion', '25 %', '1,200 troops'."""
    number = format_number(figure.value)
    if figure.unit == "percent":
        return f"{number} %"
    if figure.unit == "count":
        return number
    if re.fullmatch(r"[A-Z]{3}", figure.unit) and abs(figure.value) < 1e6 and not float(figure.value).is_integer():
        number = f"{figure.value:,.2f}"  # money in units and cents: €0.70, €45.25
    if sign := _CURRENCY_SIGNS.get(figure.unit):
        return f"{sign}{number}"
    if re.fullmatch(r"[A-Z]{3}", figure.unit):
        return f"{figure.unit} {number}"
    return f"{number} {figure.unit}"


def cite(citations: list[Citation] | list[int], *, digest: Digest | None = None) -> Markup:
    """Citation links such as [1][4], each pointing at its entry in the sources appendix.

    With a *digest*, a run longer than its ``citations_per_item`` shows the sources the brief cites
    most and counts the others: [3][17][40] +9.
    """
    ids = {c.source_id if isinstance(c, Citation) else int(c) for c in citations}
    shown, hidden = digest.visible_citations(ids) if digest else (sorted(ids), 0)
    links = "".join(f'<a class="cite" href="#source-{i}">[{i}]</a>' for i in shown)
    if hidden:
        links += f'<span class="cite cite-more" title="and {hidden} more sources, listed in brief.json">+{hidden}</span>'
    return Markup(links)


@jinja2.pass_context
def _cite_in_context(context, citations) -> Markup:
    return cite(citations, digest=context.get("digest"))


def first_words(text: str, *, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def worth_a_card(actor) -> bool:
    """An actor card needs something to show under its name: stance evidence, a quote or the author's stance.

    A card with nothing but a name, a type and a count reads as a heading whose section is missing;
    such an actor is a row of the table of other actors instead.
    """
    return bool(actor.stance.evidence or actor.quotes or actor.stance.set_by == "author")


def _comparable(text: str) -> str:
    """The words of *text*, lower-cased, each between spaces: punctuation and quotation marks aside."""
    return " " + " ".join(re.findall(r"\w+(?:[-'’]\w+)*", text.lower())) + " "


def unrepeated_quotes(quotes, shown) -> list:
    """*quotes* less those whose words a sentence in *shown* (or an earlier quote) already gives.

    An actor's stance evidence is often the very sentence a quote comes from ('Mr X warned that the
    others planned "the biggest cuts ever"'); printing the quote under it says the same thing twice.
    """
    seen = [_comparable(sentence.text) for sentence in shown]
    # A quotation over two sentences is often shown as both of them, one after the other.
    seen.append(_comparable(" ".join(sentence.text for sentence in shown)))
    kept = []
    for quote in quotes:
        words = _comparable(quote.text)
        if words.strip() and any(words in other for other in seen):
            continue
        seen.append(words)
        kept.append(quote)
    return kept


def said_once(sentences) -> list:
    """*sentences* with those of the same words made one, citing every source that gives them.

    Two outlets often carry the same wire sentence word for word; an actor card printed it twice.
    """
    merged: dict[str, CitedSentence] = {}
    for sentence in sentences:
        key = _comparable(sentence.text)
        if key in merged:
            first = merged[key]
            merged[key] = first.model_copy(update={"citations": [*first.citations, *sentence.citations]})
        else:
            merged[key] = sentence
    return list(merged.values())


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
        return TemplateError(f"{where}: {(exc.message or 'syntax error').rstrip('.')}. Fix the template, or remove it to use the built-in.")
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


def check_templates(env: jinja2.Environment) -> None:
    """Compile the brief's template and every template it extends, includes or imports by name.

    Called before the analysis, so that a syntax error in an author's template fails the build in a
    moment instead of after the sources are analysed. Errors that only show with data (an undefined
    field) still wait for the render.
    """
    from jinja2 import meta

    seen: set[str] = set()
    pending = [ENTRY_TEMPLATE]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)
            tree = env.parse(source, name, filename)
            env.compile(tree, name, filename)  # an unknown filter or test shows here, not in parse
            pending.extend(n for n in meta.find_referenced_templates(tree) if n)
        except jinja2.TemplateError as exc:
            raise _template_error(exc) from exc


def _theme_css(theme: ThemeSection) -> dict[str, Markup]:
    values = {}
    for field in ("accent", "accent_light", "font_body", "font_heading", "page_size"):
        value = getattr(theme, field)
        if not _SAFE_CSS_VALUE.match(value) or "url(" in value.lower():
            raise ConfigError(f"theme.{field} = {value!r} is not a plain CSS value; use a colour, font list or size.")
        values[field] = Markup(value)
    return values


def _find_asset(name: str, folders: list[Path]) -> Path | None:
    """*name* in the first folder that has it; never a file outside the folders (``../``, absolute paths)."""
    for folder in folders:
        candidate = (folder / name).resolve()
        if candidate.is_file() and _is_inside(candidate, [folder.resolve()]):
            return candidate
    return None


def template_context(brief: Brief, *, env: jinja2.Environment, theme: ThemeSection, output_dir: Path,
                     language: str = "en", author: str | None = None, limits: LimitsSection | None = None,
                     also_list: frozenset[int] = frozenset()) -> dict:
    """The variables every template sees (docs/templates.md documents each one).

    *limits* bound what the sections show (``digest``); *also_list* names sources the source list
    must hold beyond those the sections cite.
    """
    if limits is None:
        from .config import LimitsSection

        limits = LimitsSection()
    folders = env.globals.get("template_folders", search_path(None))
    stylesheets = []
    for name in STYLESHEETS:
        if found := _find_asset(name, folders):
            stylesheets.append(found.resolve().as_uri())
    logo = _find_asset(theme.logo, folders) if theme.logo else None
    timeline = timeline_events(brief)
    chosen = choose_digest(brief, limits, timeline=timeline, also_list=also_list)
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
        "timeline": timeline,
        "digest": chosen,
        "limits": limits,
        "headline": chosen.headline,
        "output_dir": str(output_dir),
    }
    return context


_CITATION_LINK = re.compile(r'href="#source-(\d+)"')
_SOURCE_ANCHOR = re.compile(r'id="source-(\d+)"')


def unresolved_citations(html: str) -> set[int]:
    """Ids of the sources *html* links to (``#source-N``) that have no entry with that id."""
    return {int(n) for n in _CITATION_LINK.findall(html)} - {int(n) for n in _SOURCE_ANCHOR.findall(html)}


def render_html(brief: Brief, *, env: jinja2.Environment, theme: ThemeSection, output_dir: Path,
                language: str = "en", author: str | None = None, limits: LimitsSection | None = None) -> str:
    """The brief as one HTML document; relative links (charts/…) resolve against *output_dir*.

    The sections show what *limits* allow (see briefgen.digest). A template that cites more than the
    digest counted (an author's override showing more evidence, say) leaves some [n] without an entry in
    the source list; the brief is then rendered once more with those sources listed, so every link
    resolves.
    """
    also_list: frozenset[int] = frozenset()
    known = {source.id for source in brief.sources}
    for _ in range(2):
        context = template_context(brief, env=env, theme=theme, output_dir=output_dir, language=language,
                                   author=author, limits=limits, also_list=also_list)
        try:
            html = env.get_template(ENTRY_TEMPLATE).render(context)
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
            raise _template_error(exc) from exc
        missing = (unresolved_citations(html) & known) - also_list
        if not missing:
            break
        also_list |= missing
    return html


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
    with _fewer_collections():
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


@contextmanager
def _fewer_collections():
    """Python's garbage collector made cheap while WeasyPrint works; the output is the same.

    WeasyPrint makes millions of short-lived objects, so the collector runs thousands of times during a
    layout, and each full collection walks every object alive in the process: in a build, the brief and
    the source analyses too (about 400,000 objects at 200 sources; 1.1 s of a 7 s render). Those are
    frozen (left out of the walks), and collections come less often; WeasyPrint's cyclic garbage is
    still collected.
    """
    freeze = gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    if freeze:
        gc.freeze()
    gc.set_threshold(max(thresholds[0], 10_000), max(thresholds[1], 50), max(thresholds[2], 50))
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if freeze:
            gc.unfreeze()


def _identifier(brief: Brief) -> bytes:
    # A stable file identifier keeps two builds of the same brief byte-identical.
    import hashlib

    return hashlib.md5(f"{brief.title}\n{brief.edition.generated}".encode()).hexdigest().encode()


# --------------------------------------------------------------------------- reference

#: What a field means, for the fields whose model gives no description (model descriptions win).
FIELD_NOTES = {
    "Brief.schema_version": "Version of this schema; changes when a field is renamed or removed.",
    "Brief.title": "The brief's title, from [brief] title.",
    "Brief.issue": "The issue stances are measured against, from [brief] issue.",
    "Brief.edition": "This edition: its date, build time and briefgen version.",
    "Brief.executive_summary": "The executive summary, sentence by sentence, each with its citations.",
    "Brief.sources": "Every source read, included or excluded, numbered as cited; see also `brief.included` and `brief.excluded`.",
    "Brief.actors": "People, organisations, countries and groups, most prominent first.",
    "Brief.figures": "Key figures, best corroborated first.",
    "Brief.events": "Dated past events; the template's `timeline` numbers them together with the outlook.",
    "Brief.outlook": "Expected (forward-looking) events.",
    "Brief.charts": "Charts drawn for this brief; the template's `charts` maps them by name.",
    "Brief.changes": "What changed since the previous edition; null for a first edition.",
    "Actor.name": "The actor's canonical name.",
    "Actor.type": "Person, organisation, country or place, or group (nationality, religion, party).",
    "Actor.aliases": "Other names the sources use for the same actor.",
    "Actor.role": "Title or function, such as 'foreign minister'.",
    "Actor.affiliation": "Organisation or country the role belongs to.",
    "Actor.mentions": "Mentions across all sources.",
    "Actor.sources": "Ids of the sources that mention the actor.",
    "Actor.stance": "The actor's position on the issue, with its evidence.",
    "Actor.quotes": "Quotes attributed to the actor.",
    "Changes.previous_edition": "Date of the edition compared with.",
    "Changes.new_sources": "Sources added since then.",
    "Changes.removed_sources": "Sources no longer used.",
    "Changes.new_actors": "Actors not in the previous edition.",
    "Changes.changed_stances": "Stances that changed, as 'name: old → new'.",
    "Changes.new_figures": "Key figures not in the previous edition.",
    "Changes.new_events": "Events not in the previous edition.",
    "Chart.name": "Which chart: `stakeholders` or `timeline`.",
    "Chart.title": "The chart's title, shown in its caption.",
    "Citation.source_id": "Id of the cited source, as in [2].",
    "Citation.start": "Character offset where the cited passage starts in the source's cleaned text.",
    "Citation.end": "Character offset where it ends.",
    "CitedSentence.text": "The sentence, quoted from the source.",
    "CitedSentence.citations": "Where it was said; several when sources repeat it.",
    "DoneReport.text": "The clause that reports it done, quoted.",
    "DoneReport.citations": "Where it was said.",
    "Event.text": "The clause that states the event, quoted.",
    "Event.sources": "Ids of the sources that report it.",
    "Event.citations": "Where it was said.",
    "Event.expected": "True for a forward-looking statement (shown in the outlook).",
    "Event.actors": "Actors named in the clause.",
    "FigureValue.value": "The other value, normalised.",
    "FigureValue.text": "The other value as written.",
    "FigureValue.sources": "Ids of the sources that give it.",
    "FigureValue.citations": "Where it was said.",
    "KeyFigure.value": "The number, normalised (2.8 billion → 2800000000).",
    "KeyFigure.unit": "ISO currency code, 'percent', 'count' or a unit of measure.",
    "KeyFigure.measures": "What the figure measures, as a short phrase from the sentence.",
    "KeyFigure.sources": "Ids of the sources that give this value.",
    "KeyFigure.citations": "Where it was said.",
    "Quote.speaker": "Who said it, resolved to an actor's name where possible.",
    "Quote.cue": "The reporting verb, such as 'said'.",
    "Quote.text": "The quoted words.",
    "Quote.citation": "Where it was said.",
    "SourceEntry.id": "Number used in citations such as [2].",
    "SourceEntry.path": "File the article came from, relative to the sources folder.",
    "SourceEntry.title": "Headline, or null when the file gives none (the `source_label` filter handles that).",
    "SourceEntry.outlet": "Publication, such as a newspaper or agency.",
    "SourceEntry.author": "Byline.",
    "SourceEntry.url": "Address of the article, when known.",
    "SourceEntry.published": "Publication date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD.",
    "SourceEntry.published_from": "'metadata' when the file says so, 'text' when inferred from the article.",
    "SourceEntry.words": "Length of the cleaned text in words.",
    "SourceEntry.summary": "The source's extractive summary, sentence by sentence.",
    "SourceEntry.status": "'included', or 'excluded' with a reason.",
    "SourceEntry.reason": "Why the source was excluded.",
    "SourceEntry.duplicate_of": "Id of the source this one repeats.",
    "Stance.label": "support, oppose, mixed, neutral or unknown.",
    "Stance.evidence": "The sentences the stance rests on.",
    "Stance.set_by": "'model' when measured, 'author' when set in briefgen.toml [stances].",
}


def _schema_type(prop: dict) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        kinds = [_schema_type(p) for p in prop["anyOf"]]
        return " or ".join(k for k in kinds if k != "null") + (" or null" if "null" in kinds else "")
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    if prop.get("type") == "array":
        return f"list of {_schema_type(prop.get('items', {}))}"
    if prop.get("type") == "object" and "additionalProperties" in prop:
        return f"map to {_schema_type(prop['additionalProperties'])}"
    return prop.get("type", "any")


def _example_value(value) -> str:
    import json

    while isinstance(value, list) and value and isinstance(value[0], (dict, list)):
        value = value[0]  # a list of objects: its first item stands for the rest
    if isinstance(value, dict):
        return "see below"
    text = json.dumps(value, ensure_ascii=False)
    text = text if len(text) <= 60 else text[:57] + "…" + text[0]
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`"


def context_reference(example: Brief) -> str:
    """Markdown tables of every field in the Brief's JSON schema, one table per model, each field with
    its type, its description and an example value taken from *example*. docs/templates.md embeds it."""
    schema = Brief.model_json_schema()
    models = {"Brief": schema, **schema.get("$defs", {})}
    # For each model's field, the first value in the example brief that is not empty.
    examples: dict[tuple[str, str], object] = {}

    def walk(name: str, data) -> None:
        if not isinstance(data, dict):
            return
        for field, prop in models[name].get("properties", {}).items():
            value = data.get(field)
            if value not in (None, [], "", {}):
                examples.setdefault((name, field), value)
            refs = [p for p in (prop, prop.get("items", {}), *prop.get("anyOf", [])) if "$ref" in p]
            for ref in refs:
                target = ref["$ref"].rsplit("/", 1)[-1]
                for item in value if isinstance(value, list) else [value]:
                    walk(target, item)

    walk("Brief", example.model_dump(mode="json"))
    lines = []
    for name, model in models.items():
        lines += [f"#### {name}", ""]
        if model.get("description") and name != "Brief":
            lines += [" ".join(model["description"].split()), ""]
        lines += ["| Field | Type | Description | Example |", "|---|---|---|---|"]
        for field, prop in model.get("properties", {}).items():
            description = " ".join((prop.get("description") or FIELD_NOTES.get(f"{name}.{field}", "")).split())
            description = description.replace("|", "\\|")
            example_text = _example_value(examples[name, field]) if (name, field) in examples else ""
            lines.append(f"| `{field}` | {_schema_type(prop)} | {description} | {example_text} |")
        lines.append("")
    return "\n".join(lines)
