from pathlib import Path

import pytest

from briefgen.errors import SourceError
from briefgen.ingest.web import html_fragment_to_text, read_feed, read_html

P = Path("page")
PARAGRAPHS = [
    "The European Commission fined the search company 2.4 billion euros on Tuesday, saying it had abused "
    "its dominance of internet search by giving an illegal advantage to its own shopping service.",
    "The company has 90 days to end the practice or face further penalties of up to 5% of its average "
    "daily worldwide turnover, the Commission said in a statement issued in Brussels.",
    "The company said it disagreed with the decision and was considering an appeal, arguing that shoppers "
    "wanted links that took them directly to the products they were searching for.",
]
PAGE = f"""<!DOCTYPE html><html><head><title>EU fines search giant | Example Times</title>
<meta property="og:title" content="EU fines search giant 2.4 billion euros">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2017-06-27T09:00:00Z">
<script>var tracking = "SECRET_SCRIPT";</script><style>.x {{ color: red }}</style></head>
<body><nav><a href="/">Home</a></nav><article><h1>EU fines search giant 2.4 billion euros</h1>
<p>{PARAGRAPHS[0]}</p><iframe src="https://ads.example.org">IFRAME_TEXT</iframe>
<img src="photo.jpg" alt="IMAGE_ALT"><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></article></body></html>"""


def test_html_main_text_and_metadata():
    [article] = read_html(PAGE.encode(), path=P)
    assert article.title == "EU fines search giant 2.4 billion euros"
    assert (article.author, article.outlet, article.published) == ("Jane Doe", "Example Times", "2017-06-27")
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "\n\n" in article.text
    for dropped in ("SECRET_SCRIPT", "color: red", "IFRAME_TEXT", "IMAGE_ALT"):
        assert dropped not in article.text


def test_truncated_html_still_yields_what_is_there():
    [article] = read_html(PAGE[: PAGE.index(PARAGRAPHS[2])].encode(), path=P)
    assert PARAGRAPHS[0] in article.text


@pytest.mark.parametrize("page", ["<html><head><title>x</title></head><body></body></html>", "<html><bo"])
def test_html_without_article_text_is_a_source_error(page):
    with pytest.raises(SourceError, match="no article text"):
        read_html(page.encode(), path=P)


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Wire</title>
<item><title>EU fines search giant</title><link>https://example.org/1</link>
<pubDate>Tue, 27 Jun 2017 09:00:00 GMT</pubDate><author>jane@example.org (Jane Doe)</author>
<content:encoded><![CDATA[<p>{PARAGRAPHS[0]}</p><script>EVIL()</script><p>{PARAGRAPHS[1]}</p>]]></content:encoded></item>
<item><title>Appeal considered</title><description>{PARAGRAPHS[2]}</description></item>
<item><title>Empty</title></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
<entry><title>Fine announced</title><link href="https://example.org/2"/><updated>2017-06-27T09:00:00Z</updated>
<content type="html">&lt;p&gt;{PARAGRAPHS[0]}&lt;/p&gt;</content></entry></feed>"""


def test_rss_one_article_per_entry():
    first, second, empty = read_feed(RSS.encode(), path=P)
    assert (first.title, first.url, first.published, first.outlet) == (
        "EU fines search giant", "https://example.org/1", "2017-06-27", "Example Wire")
    assert PARAGRAPHS[0] in first.text and PARAGRAPHS[1] in first.text and "EVIL" not in first.text
    assert second.text.strip() == PARAGRAPHS[2]
    assert "neither content nor a summary" in empty.problem


def test_atom_entry():
    [entry] = read_feed(ATOM.encode(), path=P)
    assert (entry.title, entry.url, entry.published) == ("Fine announced", "https://example.org/2", "2017-06-27")
    assert entry.text.strip() == PARAGRAPHS[0]


def test_truncated_feed_is_malformed_xml():
    with pytest.raises(SourceError, match="not well-formed XML"):
        read_feed(RSS[: len(RSS) // 2].encode(), path=P)


def test_entity_expansion_is_refused():
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            "<rss><channel><item><title>&lol2;</title></item></channel></rss>")
    with pytest.raises(SourceError, match="DTD or entities"):
        read_feed(bomb.encode(), path=P)


def test_xml_that_is_not_a_feed():
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        read_feed(b'<?xml version="1.0"?><urlset><url><loc>https://example.org</loc></url></urlset>', path=P)


def test_fragment_to_text_keeps_paragraphs():
    assert html_fragment_to_text("<p>One.</p><p>Two <b>bold</b>.</p><script>x()</script>").split() == [
        "One.", "Two", "bold."]
    assert "\n\n" in html_fragment_to_text("<p>One.</p><p>Two.</p>")
