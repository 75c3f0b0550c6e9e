"""Page breaks of the built-in stylesheet, checked on laid-out pages: no table starts or ends with a
row or two alone on a page, and the one-line list of minor actors never begins a page alone."""

from __future__ import annotations

import re

import pytest

from briefgen.render import PACKAGE_TEMPLATES

STYLESHEET = (PACKAGE_TEMPLATES / "default" / "brief.css").resolve().as_uri()


def _pages(body: str) -> list[str]:
    """The text of each page of *body* laid out with the built-in stylesheet on A5 pages."""
    from weasyprint import HTML

    html = (f'<html><head><link rel="stylesheet" href="{STYLESHEET}"><style>@page {{ size: A5; }}</style>'
            f"</head><body>{body}</body></html>")
    document = HTML(string=html).render()
    texts = []
    for page in document.pages:
        texts.append(" ".join(box.text for box in page._page_box.descendants() if hasattr(box, "text")))
    return texts


def _rows(count: int) -> str:
    rows = "".join(f"<tr><td>row{n:02d}</td><td>Steel tariffs of 25 percent</td><td>[{n}]</td></tr>"
                   for n in range(count))
    return (f'<table class="data"><thead><tr><th>As written</th><th>What it measures</th><th>Sources</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>")


@pytest.mark.parametrize("rows", [8, 30])
def test_a_table_never_leaves_one_or_two_rows_alone_on_a_page(rows):
    split = 0
    for filler_mm in range(100, 185, 8):  # the table starts lower and lower on the first page
        pages = _pages(f'<div style="height: {filler_mm}mm"></div>{_rows(rows)}<p>After the table.</p>')
        counts = [len(re.findall(r"row\d\d", page)) for page in pages]
        parts = [count for count in counts if count]
        assert sum(parts) == rows
        if len(parts) > 1:
            split += 1
            assert min(parts[0], parts[-1]) >= 3, (filler_mm, counts)
    assert split  # some of the positions did split the table


def test_the_line_of_names_after_the_table_never_begins_a_page_alone():
    names = "; ".join(f"Port Authority {n}" for n in range(40))
    seen_on_a_later_page = False
    for filler_mm in range(100, 175, 10):
        pages = _pages(f'<div style="height: {filler_mm}mm"></div>{_rows(6)}'
                       f'<p class="passing-actors"><strong>Named once:</strong> {names}.</p>')
        where = [n for n, page in enumerate(pages) if "Port Authority" in page]
        assert len(where) == 1, (filler_mm, where)  # never split across pages
        page = pages[where[0]]
        assert re.search(r"row\d\d", page), (filler_mm, page[:80])  # with rows of its table
        seen_on_a_later_page |= where[0] > 0
    assert seen_on_a_later_page
