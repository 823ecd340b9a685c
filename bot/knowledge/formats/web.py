"""HTML: the visible text of block elements, in order, and each <table> read as a table;
title from <h1> or <title>."""

from __future__ import annotations

from html.parser import HTMLParser

from bot.knowledge.formats.common import BODY, CAPTION, HEADING, ISO_DATE, TABLE, Parsed, parsed
from bot.knowledge.formats.grid import build_table
from bot.knowledge.formats.markup import html_grids, table_spans
from bot.knowledge.formats.titles import TITLE_LOOKBACK
from bot.knowledge.table_text import caption
from bot.knowledge.tables import Table
from bot.language.text import normalize

_PLACE = "\u2063table{}\u2063"  # stands where a table was while the text around it is read


class _Visible(HTMLParser):
    """Collect visible text, one paragraph per block element."""

    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr",
              "blockquote", "pre", "section", "article", "br", "dd", "dt", "figcaption"}
    HIDDEN = {"script", "style", "head", "noscript", "template", "svg"}
    ROLES = {"h1": HEADING, "h2": HEADING, "h3": HEADING, "h4": HEADING, "h5": HEADING,
             "h6": HEADING, "figcaption": CAPTION, "td": TABLE, "th": TABLE, "tr": TABLE}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self.roles: list[str] = [BODY]
        self.hidden = 0
        self.title = ""
        self.in_title = False
        self.heading: str | None = None
        self.in_h1 = False
        self.date: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in self.HIDDEN:
            self.hidden += 1
        if tag == "meta":
            values = dict(attrs)
            if (values.get("name") or values.get("property") or "").lower() in (
                    "date", "article:published_time", "dc.date") and values.get("content"):
                found = ISO_DATE.search(values["content"])
                self.date = self.date or (found.group(1) if found else None)
        if tag in self.BLOCKS:
            self.blocks.append("")
            self.roles.append(self.ROLES.get(tag, BODY))
        self.in_h1 = self.in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag == "h1" and self.heading is None:
            self.heading = self.blocks[-1].strip() or None
            self.in_h1 = False
        if tag in self.BLOCKS:
            self.blocks.append("")
            self.roles.append(BODY)

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.hidden:
            self.blocks[-1] += data


def parse_html(raw: str) -> Parsed:
    """HTML: visible text only, block elements as paragraphs, tables as tables; title from
    <h1> or <title>."""
    spans = table_spans(raw)
    markups = [raw[start:end] for start, end in spans]
    for number, (start, end) in reversed(list(enumerate(spans))):
        raw = f"{raw[:start]}<p>{_PLACE.format(number)}</p>{raw[end:]}"
    parser = _Visible()
    parser.feed(raw)
    parser.close()
    title = parser.heading or normalize(parser.title) or None
    paragraphs = [" ".join(b.split()) for b in parser.blocks]
    roles = list(parser.roles)
    tables: list[Table] = []
    above: list[str] = []
    for i, text in enumerate(paragraphs):
        number = _placed(text, len(markups))
        if number is None:
            if text:
                above = (above + [text])[-TITLE_LOOKBACK:]
            continue
        built = [t for t in (build_table(grid, header_rows=header, context=above, paragraph=i,
                                         title=named or None)
                             for grid, header, named in html_grids(markups[number])) if t]
        paragraphs[i] = " ".join(caption(t) for t in built)
        roles[i] = TABLE
        tables += built
        if any(t.values() for t in built):
            above = []
    return parsed(title, parser.date, paragraphs, roles=roles, tables=tables)


def _placed(text: str, count: int) -> int | None:
    """The number of the table that stood where this paragraph is, if one did."""
    if not text.startswith("\u2063table") or not text.endswith("\u2063"):
        return None
    number = text[len("\u2063table"):-1]
    return int(number) if number.isdigit() and int(number) < count else None
