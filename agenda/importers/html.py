"""Saved ModernGov HTML pages, flattened to the page model (agenda.importers.page).

Block elements end a line; links are kept with the line they sit on; ModernGov's own markup
says where an item row starts (a row of the item table), which cell is its number and
which paragraph its title. Only the standard library's parser is used."""

import re
from html.parser import HTMLParser

from agenda.importers.numbering import clean_text
from agenda.importers.page import Line, Page
from agenda.importers.pages import parse_page
from agenda.importers.records import SourceError
from agenda.importers.text import decode_bytes

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
    "h5", "h6", "section", "article", "header", "footer", "blockquote", "dd", "dt", "caption",
}  # fmt: skip
SKIP_TAGS = {"script", "style", "noscript", "template", "svg"}
VOID_TAGS = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_MG_CLASS = re.compile(r"\bmg[A-Z]")  # ModernGov's own class names: mgContent, mgAiTitleTxt
_TITLE_CLASS = re.compile(r"\bmg(?:AiTitle(?:Txt|Lnk)|SubItemTitleTxt)\b")
_NUMBER_CLASS = re.compile(r"\bmgItemNumberCell\b")
_OPEN_HTML = re.compile(rb"<html[\s>]", re.I)
_CLOSE_HTML = re.compile(rb"</html\s*>", re.I)
_CHARSET = re.compile(rb"charset=[\"']?([A-Za-z0-9_-]+)", re.I)


class _Flattener(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []
        self.current = []
        self.links = []
        self.skip = 0
        self.anchor = None
        self.canonical = ""
        self.title_parts = []
        self.in_title = False
        self.modern_gov = False
        self.marks = []  # [tag name, label, depth of that tag name inside it]
        self.item_tables = []  # one flag per open <table>: is it ModernGov's item table?

    def _label(self):
        # The number cell wins over a title class inside it (ModernGov styles both alike).
        if any(mark[1] == "number" for mark in self.marks):
            return "number"
        return self.marks[-1][1] if self.marks else ""

    def _break(self):
        text = clean_text("".join(self.current))
        if text or self.links:
            self.lines.append(Line(text, self.links, self._label()))
        self.current, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag in SKIP_TAGS:
            self.skip += 1
            return
        if tag == "title":
            self.in_title = True
            return
        classes = attrs.get("class", "") + " " + attrs.get("id", "")
        if _MG_CLASS.search(classes) or "moderngov" in attrs.get("content", "").lower():
            self.modern_gov = True
        if tag == "link" and attrs.get("rel", "").lower() == "canonical":
            self.canonical = attrs.get("href", "")
        if tag in BLOCK_TAGS:
            self._break()
        if tag == "table":
            self.item_tables.append("mgItemTable" in classes)
        elif tag == "tr" and self.item_tables and self.item_tables[-1]:
            self.lines.append(Line("", [], "row"))
        if tag not in VOID_TAGS:
            for mark in self.marks:
                if mark[0] == tag:
                    mark[2] += 1
            label = self._mark_for(tag, classes)
            if label:
                self.marks.append([tag, label, 0])
        if tag == "a" and attrs.get("href"):
            self.anchor = [attrs["href"], []]

    @staticmethod
    def _mark_for(tag, classes):
        if _NUMBER_CLASS.search(classes):
            return "number"
        if _TITLE_CLASS.search(classes):
            return "title"
        if tag in HEADINGS:
            return "heading"
        return ""

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
            return
        if tag == "a" and self.anchor:
            href, parts = self.anchor
            self.links.append((clean_text("".join(parts)), href))
            self.anchor = None
        if tag in BLOCK_TAGS:
            self._break()
        if tag == "table" and self.item_tables:
            self.item_tables.pop()
        for index in range(len(self.marks) - 1, -1, -1):
            mark = self.marks[index]
            if mark[0] == tag:
                if mark[2]:
                    mark[2] -= 1
                else:
                    self._break()
                    del self.marks[index:]
                break

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        self.current.append(data)
        if self.anchor:
            self.anchor[1].append(data)

    def close(self):
        super().close()
        self._break()


def _decode(data):
    head = _CHARSET.search(data[:2048])
    declared = head.group(1).decode("ascii").lower() if head else None
    return decode_bytes(data, None if declared in (None, "utf-8", "utf8") else declared)


def flatten(data):
    text = _decode(data) if isinstance(data, bytes) else data
    parser = _Flattener()
    parser.feed(text)
    parser.close()
    return parser


def html_page(data, *, url=""):
    """A saved page as the page model; refuses what is not a whole ModernGov page."""
    parser = flatten(data)
    if _OPEN_HTML.search(data[:4096]) and not _CLOSE_HTML.search(data[-4096:]):
        raise SourceError(
            "The page is truncated (it has no closing </html>): save the whole page again."
        )
    hrefs = [href for line in parser.lines for _title, href in line.links]
    if not parser.modern_gov and not any(".aspx" in href for href in hrefs):
        raise SourceError(
            "This HTML page is not a saved ModernGov page (no mg… markup): save the agenda "
            "item (mgAi.aspx) or meeting (ieListDocuments.aspx) page as HTML."
        )
    return Page(
        lines=parser.lines,
        url=parser.canonical or url,
        title=clean_text("".join(parser.title_parts)),
        markup="html",
    )


def parse_html(data, *, url=""):
    return parse_page(html_page(data, url=url))
