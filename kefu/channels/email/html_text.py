"""HTML mail bodies: sanitised for display, and turned into plain text.

Owns the allow-list an agent's browser may render (nh3) and the HTML → text conversion, including
the quote containers mail clients wrap around reply history (Gmail's ``div.gmail_quote``,
``blockquote type="cite"`` from Apple Mail and Thunderbird, NetEase's ``#isReplyContent``).

The conversion is a small tree built with the standard library's ``html.parser`` rather than a
library: inscriptis (Apache-2.0) renders tables well but brings lxml and requests, html2text is
GPL-3.0 and emits Markdown, and dropping quote containers (matched by class or id) would still
need a tree pass of our own. Mail HTML needs only a few rules: block elements end a line,
``<br>`` is a newline, ``&nbsp;`` is a space that survives, scripts/styles/heads are dropped,
list items get a dash, table cells are separated by a space.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3

from kefu.channels.email.quoting import tidy_lines

# -- sanitising --------------------------------------------------------------------------------

_ATTRIBUTES: dict[str, set[str]] = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
_ATTRIBUTES.setdefault("*", set()).update({"style", "dir"})
_ATTRIBUTES["blockquote"] = _ATTRIBUTES.get("blockquote", set()) | {"type"}
# Kept so the agent UI can fold reply history away, as the mail clients do.
_QUOTE_CLASSES = {"gmail_quote", "gmail_quote_container", "gmail_attr", "moz-cite-prefix"}
# Enough to keep a mail readable (colours, emphasis, alignment, quote bars); nothing that can
# position or overlay content.
_STYLES = {
    "color",
    "background-color",
    "font-weight",
    "font-style",
    "font-size",
    "font-family",
    "text-decoration",
    "text-align",
    "border-left",
    "padding-left",
    "margin-left",
    "white-space",
}


def sanitise_html(html: str) -> str:
    """The mail's HTML, safe to render: no scripts, handlers, forms or javascript: links.

    ``cid:`` URLs are kept so inline images can be pointed at the stored attachments; remote
    images stay in the HTML (blocking them until the agent asks is the viewer's job).
    """
    return nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        clean_content_tags={"script", "style", "title", "head"},
        url_schemes=nh3.ALLOWED_URL_SCHEMES | {"cid"},
        allowed_classes={"div": _QUOTE_CLASSES, "blockquote": _QUOTE_CLASSES},
        filter_style_properties=_STYLES,
        link_rel="noopener noreferrer nofollow",
    )


# -- a small tree ------------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
_VOID |= {"source", "track", "wbr"}
_SKIPPED = {"script", "style", "head", "title", "noscript", "template", "xml", "select"}
_BLOCK = {"address", "article", "aside", "center", "dd", "div", "dl", "dt", "fieldset"}
_BLOCK |= {"figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "section"}
_BLOCK |= {"table", "tbody", "thead", "tfoot", "tr", "caption", "ul", "ol", "li", "body"}
_PARAGRAPH = {"p", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
# An unclosed <p> or <li> is closed by the next one, as browsers do.
_SELF_CLOSING_SIBLINGS = {"p", "li", "tr", "td", "th", "dt", "dd", "option"}
# Hostile or broken mail can nest thousands of elements; deeper content is kept, flattened.
_MAX_DEPTH = 100


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    children: list[_Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {})
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {name: value or "" for name, value in attrs})
        top = self._stack[-1]
        if tag in _SELF_CLOSING_SIBLINGS and top.tag == tag and len(self._stack) > 1:
            self._stack.pop()
        self._stack[-1].children.append(element)
        if tag not in _VOID and len(self._stack) < _MAX_DEPTH:
            self._stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack[-1].children.append(_Element(tag, {n: v or "" for n, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching element; a stray end tag closes nothing.
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


def _parse(html: str) -> _Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# -- quote containers --------------------------------------------------------------------------

_QUOTE_CLASS_NAMES = {"gmail_quote", "gmail_quote_container", "yahoo_quoted", "moz-cite-prefix"}
_QUOTE_CLASS_NAMES |= {"protonmail_quote", "zmail_extra"}
_QUOTE_IDS = {"isreplycontent", "isoriginalcontent"}  # NetEase 163/126 mail


def is_quote_container(tag: str, attrs: dict[str, str]) -> bool:
    """An element that holds reply history in the common clients' HTML."""
    if tag == "blockquote" and attrs.get("type", "").lower() == "cite":
        return True
    if attrs.get("id", "").lower() in _QUOTE_IDS:
        return True
    return bool(_QUOTE_CLASS_NAMES & set(attrs.get("class", "").lower().split()))


# -- rendering ---------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not \xa0: a non-breaking space is meant


class _Renderer:
    def __init__(self, drop_quotes: bool) -> None:
        self.drop_quotes = drop_quotes
        self.out: list[str] = []
        self._pre = 0

    def text(self) -> str:
        return "".join(self.out)

    def _tail(self) -> str:
        return self.out[-1] if self.out else "\n"

    def newline(self) -> None:
        if not self._tail().endswith("\n"):
            self.out.append("\n")

    def blank_line(self) -> None:
        self.newline()
        if self.out and not "".join(self.out[-2:]).endswith("\n\n"):
            self.out.append("\n")

    def data(self, data: str) -> None:
        if self._pre:
            self.out.append(data)
            return
        data = _SPACES.sub(" ", data)
        if self._tail().endswith(("\n", " ")):
            data = data.lstrip(" ")
        if data:
            self.out.append(data)

    def element(self, node: _Element) -> None:
        tag = node.tag
        if tag in _SKIPPED or (self.drop_quotes and is_quote_container(tag, node.attrs)):
            return
        if tag == "br":
            self.out.append("\n")
        elif tag == "img":
            alt = node.attrs.get("alt", "").strip()
            if alt:
                self.data(f"[{alt}]")
        elif tag == "blockquote":
            self._blockquote(node)
        elif tag in _PARAGRAPH:
            self._paragraph(node)
        elif tag in _BLOCK:
            self._block(node)
        elif tag in ("td", "th"):
            if not self._tail().endswith(("\n", " ")):
                self.out.append(" ")
            self.children(node)
        else:
            self.children(node)

    def children(self, node: _Element) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.data(child)
            else:
                self.element(child)

    def _block(self, node: _Element) -> None:
        self.newline()
        if node.tag == "li":
            self.out.append("- ")
        self.children(node)
        self.newline()

    def _paragraph(self, node: _Element) -> None:
        # Outlook writes every line as <p class=MsoNormal>: a line, not a paragraph.
        outlook_line = "msonormal" in node.attrs.get("class", "").lower()
        spacing = self.newline if outlook_line else self.blank_line
        spacing()
        self._pre += node.tag == "pre"
        self.children(node)
        self._pre -= node.tag == "pre"
        spacing()

    def _blockquote(self, node: _Element) -> None:
        inner = _Renderer(self.drop_quotes)
        inner.children(node)
        quoted = tidy_lines(inner.text())
        self.newline()
        if quoted:
            self.out.append("\n".join(f"> {line}".rstrip() for line in quoted.split("\n")))
        self.newline()


def html_to_text(html: str, *, drop_quotes: bool = False) -> str:
    """Readable plain text of an HTML body; quoted history left out when ``drop_quotes``.

    Reply history kept (``drop_quotes=False``) is shown with ``> `` in front of quoted lines.
    """
    renderer = _Renderer(drop_quotes)
    renderer.children(_parse(html))
    return tidy_lines(renderer.text())


_CID = re.compile(r"""cid:([^"'\s>)]+)""", re.IGNORECASE)


def referenced_content_ids(html: str) -> set[str]:
    """Content-IDs the HTML points at (``<img src="cid:...">``), lower-cased."""
    return {unquote(match).lower() for match in _CID.findall(html)}
