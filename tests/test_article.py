"""Article loading: formats, metadata, sentences with offsets, and clear errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from armstrack.article import ArticleError, load_article, parse_article, split_sentences


def test_seed_format_metadata(seed_path: Path) -> None:
    article = load_article(seed_path)
    meta = article.meta
    assert meta.title.startswith("Turkey In Talks")
    assert meta.published == date(2016, 11, 21)
    assert meta.source == "Vedomosti"
    assert meta.byline == "Andrei Makhonin"
    assert meta.url.startswith("https://www.themoscowtimes.com/")
    assert "Original url" not in article.text
    assert "](#)" not in article.text  # markdown links reduced to their text
    assert len(meta.id) == 16


def test_sentence_offsets_point_into_text(seed_path: Path) -> None:
    article = load_article(seed_path)
    assert len(article.sentences) >= 15
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


def test_cut_paragraph_continues_into_next() -> None:
    text = (
        "In May a delegation attended the exhibition in the capital and the state arms exporter\n\n"
        "Exportco announced its intentions to sell more arms. A second sentence follows."
    )
    sentences = split_sentences(text)
    assert sentences[0].text.endswith("sell more arms.")
    assert "Exportco" in sentences[0].text


def test_standfirst_without_full_stop_is_a_sentence_of_its_own() -> None:
    text = (
        "Both kingdoms seek interceptors worth billions as the approvals go to the legislature\n\n"
        "The ministry approved the two sales on Tuesday. A second sentence follows."
    )
    sentences = split_sentences(text)
    assert sentences[0].text.endswith("go to the legislature")
    assert sentences[1].text.startswith("The ministry approved")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Gen. Ivan Petrov said the U.S. deal was done. Then it ended.", 2),
        ("The deal was signed on Nov. 24, 2015 in the capital. Deliveries follow.", 2),
        ('"We are talking," he said. "Nothing is signed."', 2),
        ("Mr. J. Smith arrived. He left.", 2),
    ],
)
def test_sentence_boundaries(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


def test_front_matter() -> None:
    raw = "---\ntitle: Test\npublished: 2021-03-04\nsource: Wire\nurl: https://x.example/a\n---\n\nBody text here."
    article = parse_article(raw)
    assert article.meta.title == "Test"
    assert article.meta.published == date(2021, 3, 4)
    assert article.meta.source == "Wire"
    assert article.text == "Body text here."


def test_plain_text_takes_published_override() -> None:
    article = parse_article("Egypt ordered jets on Tuesday.", published=date(2021, 5, 4))
    assert article.meta.published == date(2021, 5, 4)
    assert article.meta.title == "Egypt ordered jets on Tuesday."


def test_html_main_text() -> None:
    html = (
        "<html><head><title>Jets for Egypt</title>"
        '<meta property="article:published_time" content="2022-05-10">'
        "<script>alert(1)</script></head><body><nav>Home | About | Contact</nav>"
        "<article><h1>Jets for Egypt</h1><p>Egypt has ordered thirty more fighter jets from France, "
        "the defence ministry said on Tuesday, in a deal worth four billion euros.</p>"
        "<p>Deliveries will begin in 2024, officials said, with the last aircraft due by 2026.</p>"
        "</article><footer>Copyright notice</footer></body></html>"
    )
    article = parse_article(html, name="page.html")
    assert article.meta.title == "Jets for Egypt"
    assert article.meta.published == date(2022, 5, 10)
    assert "alert" not in article.text
    assert "Copyright" not in article.text
    assert "Egypt has ordered" in article.text


def test_same_text_same_id() -> None:
    a = parse_article("Egypt ordered jets.", published=date(2021, 1, 1))
    b = parse_article(b"Egypt ordered jets.", published=date(2021, 1, 1))
    assert a.id == b.id


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"---\ntitle: [unclosed\n---\nBody", "front matter is not valid YAML"),
        (b"---\ntitle: ok\ndate: not a date at all\n---\nBody", "cannot read the date"),
        (b"---\n- a\n- b\n---\nBody", "front matter must be a mapping"),
        (b"x" * 6_000_000, "limit"),
    ],
)
def test_bad_input_is_a_clear_error(raw: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        parse_article(raw, name="bad.txt")


def test_latin1_text_is_converted() -> None:
    raw = "Le ministre Işık a confirmé la commande de 24 Rafale à Paris.".replace(
        "Işık", "Isik"
    ).encode("cp1252")
    article = parse_article(raw)
    assert "confirmé" in article.text


def test_missing_file() -> None:
    with pytest.raises(ArticleError, match="no such file"):
        load_article("/nonexistent/article.txt")


def test_bare_header_lines_are_metadata() -> None:
    """`key: value` lines opening the text, then a blank line, as archives export them."""
    text = (
        "title: Russia to sell fighters\ndate: 2009-12-23\nsource: Defence Blog (wire copy)\n"
        "url: https://example.org/x\n\nRussia is to supply 20 MiG-29 fighters, the agency said.\n"
    )
    article = parse_article(text, name="h.txt")
    assert article.meta.title == "Russia to sell fighters"
    assert article.meta.published == date(2009, 12, 23)
    assert article.meta.source == "Defence Blog (wire copy)"
    assert article.text.startswith("Russia is to supply")
    # A body that merely opens with a colon phrase is not a header.
    plain = parse_article("Note: this is text.\n\nMore text here.", name="p.txt")
    assert plain.text.startswith("Note: this is text.")
