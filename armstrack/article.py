"""Load and normalise an article: front matter, seed format, plain text or HTML; split sentences.

The stored `text` is the cleaned body. Every offset elsewhere in the project points into it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from armstrack.errors import InputError
from armstrack.records import ArticleMeta, Sentence

MAX_BYTES = 5_000_000
MAX_LINE_CHARS = 200_000


class ArticleError(InputError):
    """The input cannot be read as an article; the message says why, in one line."""


@dataclass(frozen=True)
class Article:
    meta: ArticleMeta
    text: str
    sentences: tuple[Sentence, ...]

    @property
    def id(self) -> str:
        return self.meta.id


# --- decoding -------------------------------------------------------------------------------


def decode_bytes(raw: bytes, name: str = "input") -> str:
    """Decode bytes to text: UTF-8 (with or without BOM), else a detected common encoding."""
    return decode_with_encoding(raw, name)[0]


# Bytes Windows-1252 leaves undefined; text with them is not Western Windows text.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
# Characters Western text holds beyond ASCII: Latin-1 letters and the usual typography.
_WESTERN = re.compile(
    "[\u00c0-\u00ff\u00a0-\u00bf\u2018-\u201e\u2013\u2014\u2026\u20ac\u0152\u0153\u0160\u0161\u017d\u017e\u0178]"
)


def _western(raw: bytes) -> str | None:
    """The text as Windows-1252 (a superset of Latin-1 in practice) when that reads as Western
    text: every byte defined, and the non-ASCII characters Latin letters or typography."""
    if _CP1252_HOLES & set(raw):
        return None
    text = raw.decode("cp1252")
    extra = [ch for ch in text if ord(ch) > 127]
    if not extra or sum(bool(_WESTERN.match(ch)) for ch in extra) / len(extra) < 0.9:
        return None
    letters = sum(ch.isalpha() for ch in text)
    accented = sum(ch.isalpha() and ord(ch) > 127 for ch in text)
    if letters and accented / letters > 0.25:
        return None  # whole words of accented letters: another script read with the wrong table
    return text


def decode_with_encoding(raw: bytes, name: str = "input") -> tuple[str, str]:
    """(text, encoding used): UTF-8 (with or without BOM) or UTF-16 with a BOM as written;
    otherwise Windows-1252 when it reads as Western text ("Müller", "Défense"), else the
    encoding charset-normalizer finds likeliest. A guessed encoding is named in the result."""
    if not raw.strip():
        raise ArticleError(f"{name}: the file is empty")
    if len(raw) > MAX_BYTES:
        raise ArticleError(f"{name}: {len(raw):,} bytes is over the {MAX_BYTES:,}-byte limit")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _check_text(raw.decode("utf-16"), name), "utf-16"
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{name}: invalid UTF-16 text ({exc.reason})") from exc
    if b"\x00" in raw:
        raise ArticleError(f"{name}: looks like a binary file (contains null bytes), not text")
    try:
        return _check_text(raw.decode("utf-8-sig"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _western(raw)
    if western is not None:
        return _check_text(western, name), "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding in {"utf_8", "ascii"}:
        raise ArticleError(f"{name}: not valid UTF-8 and no other text encoding fits")
    return _check_text(str(best), name), str(best.encoding)


def _check_text(text: str, name: str) -> str:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise ArticleError(f"{name}: looks like a binary file ({controls} control characters)")
    if "\x00" in text:
        raise ArticleError(f"{name}: contains null bytes")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(len(line) > MAX_LINE_CHARS for line in text.split("\n")):
        raise ArticleError(f"{name}: a line is longer than {MAX_LINE_CHARS:,} characters")
    if not text.strip():
        raise ArticleError(f"{name}: the file holds no text")
    return text


# --- metadata parsing -----------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_SEED_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*\n")
_DATE_LINE = re.compile(
    r"^\s*(?:[A-Z][a-z]+day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*$"
)
_BYLINE = re.compile(r"^\s*\*\*(.+?)\*\*\s*$")
_ORIGINAL_URL = re.compile(r"\n\s*Original url:\s*\n+\s*<?(\S+?)>?\s*\Z", re.I)
# A Markdown link keeps its text; the target may hold one level of parentheses
# ("[click](javascript:alert(1))" keeps "click" whole).
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def parse_published(value: Any, name: str = "input") -> date | None:
    """A publication date from front matter or a date line; ArticleError if it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    from dateutil import parser as dateutil_parser

    try:
        parsed: datetime = dateutil_parser.parse(str(value), default=datetime(1900, 1, 1))
        return parsed.date()
    except (ValueError, OverflowError) as exc:
        raise ArticleError(f"{name}: cannot read the date {str(value)[:40]!r}") from exc


_MONTH_ONLY = re.compile(
    r"\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4}|[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{4}\s+[A-Za-z]{3,9}"
)


def published_precision(value: Any) -> str:
    """How precisely a publication date as written dates the article: "year" ("2016"),
    "month" ("2024-07", "July 2024") or "day"."""
    if not isinstance(value, str):
        return "year" if isinstance(value, int) else "day"
    text = value.strip()
    if re.fullmatch(r"\d{4}", text):
        return "year"
    return "month" if _MONTH_ONLY.fullmatch(text) else "day"


def _clean_markdown(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return text


def _split_byline(line: str) -> tuple[str, str]:
    """'Author / Outlet' -> (author, outlet); a single name is taken as the outlet."""
    parts = [p.strip() for p in re.split(r"\s+[/|]\s+", line) if p.strip()]
    if len(parts) >= 2:
        return parts[0], parts[-1]
    return "", parts[0] if parts else ""


class _FrontMatterLoader(yaml.SafeLoader):
    """The safe loader, with dates left as text: an impossible one ("2099-13-45") is then
    reported by `parse_published` with the file's name, not raised from inside YAML."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _from_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.load(match.group(1), Loader=_FrontMatterLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ArticleError(f"{name}: front matter is not valid YAML{where}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(f"{name}: front matter must be a mapping of keys to values")
    meta = {
        "title": data.get("title"),
        "published": data.get("published", data.get("date")),
        "source": data.get("source", data.get("outlet")),
        "byline": data.get("byline", data.get("author")),
        "url": data.get("url"),
    }
    return meta, text[match.end() :]


# A bare header: "title: …", "date: …", "source: …", "url: …" lines, then a blank line.
_HEADER_LINE = re.compile(
    r"(?i)(title|date|published|source|outlet|byline|author|url)[ \t]*:[ \t]*(\S.*)"
)


def _from_header_lines(text: str) -> tuple[dict[str, Any], str]:
    """Metadata from a block of `key: value` lines that opens the text (a title and a date or
    source among them), as many archives and exports write it."""
    head, blank, body = text.partition("\n\n")
    lines = head.strip("\ufeff").splitlines()
    found = [_HEADER_LINE.fullmatch(line.strip()) for line in lines]
    if not blank or not lines or not all(found):
        return {}, text
    data = {m.group(1).lower(): m.group(2).strip() for m in found if m}
    if "title" not in data or not {"date", "published", "source", "outlet", "url"} & set(data):
        return {}, text
    meta = {
        "title": data.get("title"),
        "published": data.get("published", data.get("date")),
        "source": data.get("source", data.get("outlet")),
        "byline": data.get("byline", data.get("author")),
        "url": data.get("url"),
    }
    return meta, body


def _from_seed_format(text: str) -> tuple[dict[str, Any], str]:
    meta: dict[str, Any] = {}
    title = _SEED_TITLE.match(text)
    if not title:
        return meta, text
    meta["title"] = title.group(1).strip()
    rest = text[title.end() :]
    lines = rest.split("\n")
    body_start = 0
    for i, line in enumerate(lines[:12]):
        if not line.strip():
            continue
        if "published" not in meta and _DATE_LINE.match(line):
            meta["published"] = line.strip()
            body_start = i + 1
        elif "byline" not in meta and (byline := _BYLINE.match(line)):
            meta["byline"], meta["source"] = _split_byline(byline.group(1))
            body_start = i + 1
        else:
            break
    body = "\n".join(lines[body_start:])
    url = _ORIGINAL_URL.search(body)
    if url:
        meta["url"] = url.group(1)
        body = body[: url.start()]
    return meta, body


def _from_html(html: str, name: str) -> tuple[dict[str, Any], str]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    doc: dict[str, Any] = (
        result.as_dict() if result is not None and not isinstance(result, dict) else (result or {})
    )
    if not (doc.get("text") or "").strip():
        raise ArticleError(f"{name}: no article text found in the HTML page")
    body = str(doc["text"])
    title = (doc.get("title") or "").strip()
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    meta = {
        "title": title,
        "published": doc.get("date"),
        "source": doc.get("sitename") or doc.get("hostname"),
        "byline": doc.get("author"),
        "url": doc.get("url"),
    }
    return meta, "\n\n".join(line for line in lines if line.strip())


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


# --- sentences ------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "sen",
    "rep", "gov", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no", "nos", "vs", "inc", "ltd", "co", "corp", "jr", "sr", "prof", "approx", "est", "fig", "vol", "pp", "mt", "ft", "brig", "rear", "vice", "messrs",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")
_TERMINAL = re.compile(r"[.!?:;\"'”’)\]]\s*\Z")
_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", re.S)


def split_sentences(text: str, headline: bool = False) -> tuple[Sentence, ...]:
    """Sentences with offsets; a paragraph that stops mid-sentence continues into the next,
    except a first line that is the report's headline (`headline`: the text has no title of
    its own)."""
    spans: list[tuple[int, int, int]] = []  # start, end, paragraph
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in paragraphs:
        if (
            merged
            and _continues(text[merged[-1][0] : merged[-1][1]], text[start:end])
            and not (headline and len(merged) == 1 and _headline(text[slice(*merged[0])]))
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    for p_index, (p_start, p_end) in enumerate(merged):
        cursor = p_start
        for match in _SENTENCE_END.finditer(text, p_start, p_end):
            if _is_abbreviation(text, match.start()):
                continue
            spans.append((cursor, match.end(), p_index))
            cursor = _skip_space(text, match.end())
        if cursor < p_end:
            spans.append((cursor, p_end, p_index))
    return tuple(
        Sentence(index=i, paragraph=p, start=s, end=e, text=text[s:e])
        for i, (s, e, p) in enumerate(spans)
        if text[s:e].strip()
    )


def _continues(paragraph: str, following: str) -> bool:
    """A paragraph cut mid-sentence: long enough to be prose, ending without punctuation, and
    followed by one that does not open a sentence of its own. A standfirst without a full stop
    ("Both buyers seek missiles worth $5 billion") before "The ministry approved …" is a
    sentence of its own."""
    stripped = paragraph.rstrip()
    return (
        len(stripped) > 60
        and not _TERMINAL.search(stripped)
        and stripped[-1].islower()
        and not _OPENS_SENTENCE.match(following)
    )


# Words that open a sentence and hardly ever go on one cut at a paragraph's end.
_OPENS_SENTENCE = re.compile(
    r"(?:The|A|An|This|These|That|Those|It|Its|He|She|They|We|I|In|On|At|According|But"
    r"|However|Meanwhile|Last|Earlier|Speaking)\b"
)


def _headline(first: str) -> bool:
    """A short single line opening a report with no metadata is its headline, not a sentence
    cut in two."""
    return len(first) < 200 and "\n" not in first


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)\Z", text[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isupper():
        return True  # an initial: "J. Smith"
    if "." in token:
        return True  # "U.S." or "e.g."
    return token.lower() in _ABBREVIATIONS


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


# --- entry points ---------------------------------------------------------------------------


def parse_article(
    raw: str | bytes,
    *,
    name: str = "input",
    published: date | None = None,
    defaults: dict[str, Any] | None = None,
) -> Article:
    """Parse article content. `published` overrides any date found in the content."""
    if isinstance(raw, bytes):
        text, encoding = decode_with_encoding(raw, name)
    else:
        text, encoding = _check_text(raw, name), "utf-8"
    if looks_like_html(text):
        meta, body = _from_html(text, name)
    else:
        meta, body = _from_front_matter(text, name)
        if not meta:
            meta, body = _from_header_lines(text)
        if not meta:
            meta, body = _from_seed_format(text)
        body = _clean_markdown(body)
    for key, value in (defaults or {}).items():
        if value and not meta.get(key):
            meta[key] = value
    body = body.strip("\n")
    if not body.strip():
        raise ArticleError(f"{name}: the article has no body text")
    pub = published or parse_published(meta.get("published"), name)
    precision = "day" if published else published_precision(meta.get("published"))
    article_id = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    record = ArticleMeta(
        id=article_id,
        title=_one_line(meta.get("title")) or _first_line(body),
        published=pub,
        source=_one_line(meta.get("source")),
        byline=_one_line(meta.get("byline")),
        url=_one_line(meta.get("url")),
        encoding=encoding,
        published_precision=precision if pub else "day",
    )
    untitled = not _one_line(meta.get("title"))
    return Article(meta=record, text=body, sentences=split_sentences(body, headline=untitled))


def load_article(path: str | Path, *, published: date | None = None) -> Article:
    """Read an article file (.txt, .md, .html) from disk."""
    file = Path(path)
    if not file.is_file():
        raise ArticleError(f"{file}: no such file")
    return parse_article(file.read_bytes(), name=file.name, published=published)


def _one_line(value: Any) -> str:
    return " ".join(str(value).split()) if value else ""


def _first_line(body: str) -> str:
    line = body.strip().split("\n", 1)[0]
    return line[:120]
