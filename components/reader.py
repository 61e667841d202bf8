"""The article reader: the text with entities and fact sentences marked.

Pure: data in, HTML out. Every piece of article text goes through `html.escape`, so nothing from
an article is ever read as markup or script; only the marks we add are tags.
"""

from __future__ import annotations

import html
import itertools

import pandas as pd

KIND_COLORS = {
    "country": "#dbeafe", "person": "#ede9fe", "organization": "#dcfce7",
    "weapon_system": "#ffedd5", "place": "#ccfbf1", "date": "#fef9c3",
}  # fmt: skip
KIND_LABELS = {
    "country": "country", "person": "person", "organization": "organisation",
    "weapon_system": "weapon system", "place": "place", "date": "date",
}  # fmt: skip


def _marks(mentions: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, kind, title) spans, longest first where they overlap."""
    spans = sorted(
        (
            (
                int(m.char_start),
                int(m.char_end),
                str(m.kind),
                f"{KIND_LABELS.get(str(m.kind), m.kind)}: {m.canonical}",
            )
            for m in mentions.itertuples()
            if str(m.kind) in KIND_COLORS
        ),
        key=lambda s: (s[0], -(s[1] - s[0])),
    )
    out: list[tuple[int, int, str, str]] = []
    for span in spans:
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out


def annotate(
    text: str, mentions: pd.DataFrame, facts: pd.DataFrame, selected: tuple[int, int] | None = None
) -> str:
    """HTML for the article text: mentions highlighted by kind, fact sentences underlined, the
    selected fact's sentence outlined."""
    sentences = sorted({(int(f.char_start), int(f.char_end)) for f in facts.itertuples()})
    marks = _marks(mentions)
    # Boundaries where a tag opens or closes; text between them is escaped as a whole.
    cuts = sorted(
        {0, len(text), *(p for s in sentences for p in s), *(p for m in marks for p in m[:2])}
    )
    parts: list[str] = []
    open_sentence: tuple[int, int] | None = None
    open_mark: tuple[int, int, str, str] | None = None
    for left, right in itertools.pairwise(cuts):
        for s in sentences:
            if s[0] == left and open_sentence is None:
                style = "outline:2px solid #1f4e79;border-radius:3px;" if s == selected else ""
                parts.append(f'<span class="fact" style="border-bottom:2px solid #1f4e79;{style}">')
                open_sentence = s
        for m in marks:
            if m[0] == left:
                parts.append(
                    f'<mark title="{html.escape(m[3], quote=True)}" '
                    f'style="background:{KIND_COLORS[m[2]]};padding:0 2px;border-radius:3px">'
                )
                open_mark = m
        parts.append(html.escape(text[left:right]).replace("\n", "<br>"))
        if open_mark and open_mark[1] == right:
            parts.append("</mark>")
            open_mark = None
        if open_sentence and open_sentence[1] == right:
            if open_mark:  # a mark never crosses a sentence boundary in valid HTML
                parts.append("</mark>")
                open_mark = None
            parts.append("</span>")
            open_sentence = None
    if open_mark:
        parts.append("</mark>")
    if open_sentence:
        parts.append("</span>")
    return (
        '<div class="article" style="line-height:1.75;font-size:1.02rem">'
        + "".join(parts)
        + "</div>"
    )


def legend_html() -> str:
    chips = "".join(
        f'<span style="background:{color};padding:2px 8px;border-radius:4px;margin-right:6px">'
        f"{html.escape(KIND_LABELS[kind])}</span>"
        for kind, color in KIND_COLORS.items()
    )
    return (
        chips
        + '<span style="border-bottom:2px solid #1f4e79;margin-left:4px">sentence with an event or deal</span>'
    )
