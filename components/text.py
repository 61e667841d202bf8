"""Text from URLs, titles and articles, made safe for the Streamlit elements that render
Markdown (captions, messages, labels): every Markdown, LaTeX and colour-directive character is
escaped, so it shows as typed and nothing is fetched or styled; bidirectional controls, which
reorder what follows them, and other invisible controls are removed."""

from __future__ import annotations

import re
import unicodedata

# Markdown, LaTeX ($) and Streamlit directives (:red[…], :material/…:) characters.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:=&^%@])")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_ASCII_CONTROLS = re.compile("[\x00-\x1f\x7f]")  # category Cc; ASCII has no Cf


def strip_controls(value: object) -> str:
    """The text with bidirectional and other control characters removed (newlines become
    spaces)."""
    text = str(value)
    if text.isascii():  # most text: its only controls are ASCII's own, found by one pattern
        return _ASCII_CONTROLS.sub(lambda m: " " if m.group() in "\n\r\t" else "", text)
    text = _BIDI.sub("", text)
    return "".join(
        " " if ch in "\n\r\t" else ch
        for ch in text
        if ch in "\n\r\t" or unicodedata.category(ch) not in {"Cc", "Cf"}
    )


_AUTOLINK = re.compile(r"(?i)(://|\bwww(?=\.))")


def plain(value: object, limit: int = 300) -> str:
    """A value shown as itself inside a Markdown-rendering element, cut to `limit` characters.
    Addresses in it are not turned into links (a zero-width space breaks the autolink)."""
    text = strip_controls(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = _AUTOLINK.sub(lambda m: m.group(1)[0] + "\u200b" + m.group(1)[1:], text)
    return _SPECIAL.sub(r"\\\1", text)


_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>$:=&^%@])")


def shown(markdown: str) -> str:
    """What a reader sees of a `plain` value: the text without its escapes (for tests)."""
    return _ESCAPE.sub(r"\1", markdown).replace("\u200b", "")
