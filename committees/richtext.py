"""Rich text that is always stored clean.

Clerks write agenda text, minutes, recommendations and resolutions in django-prose-editor
(which ships its own assets). Whatever arrives, from the editor, an import or the ORM, is
run through nh3 with one allowlist on the way into the database, so no script, event
handler or `javascript:` URL can ever be stored.
"""

import re
from html import unescape

import nh3
from django.utils.html import strip_tags
from django_prose_editor.fields import ProseEditorField

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,  # lists cannot exist without it; the editor fails to start otherwise
    "Blockquote": True,
    "Heading": {"levels": [3, 4]},
    "Link": {"enableTarget": False},
    "HardBreak": True,
    "History": True,
    "Typographic": True,
    # django-prose-editor turns the browser's spellchecker off by default; clerks want it.
    "NoSpellCheck": False,
}

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote",
    "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start", "type"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


# A paragraph (or heading) holding nothing but spaces, non-breaking spaces, line breaks and
# empty bold/italic wrappers: the spacer paragraphs Word leaves between real ones.
_BLANK = r"(?:\s|&nbsp;|&#160;|\xa0|<br\s*/?>)*"
_EMPTY_INLINE = rf"(?:<(?P<tag>strong|b|em|i|u|s)>{_BLANK}</(?P=tag)>)"
_SPACER = re.compile(rf"<(?P<block>p|h3|h4)>(?:{_BLANK}|{_EMPTY_INLINE})*</(?P=block)>\s*")


def sanitise_html(html):
    """Return HTML with everything outside the allowlist removed, and the empty spacer
    paragraphs of text pasted from Word dropped; empty editor output -> ''."""
    if not html:
        return ""
    cleaned = _cleaner.clean(str(html)).strip()
    return _SPACER.sub("", cleaned).strip()


# Where one block or line ends and the next begins, the text needs a space.
_BREAKS = re.compile(r"<br\s*/?>|</(?:p|li|h3|h4|blockquote|td|th|tr|caption)>", re.IGNORECASE)


def html_to_text(html):
    """Plain text of stored rich text, for search, feeds, PDF metadata and history: tags
    gone, entities decoded, one space between blocks."""
    text = strip_tags(_BREAKS.sub(" ", html or ""))
    return " ".join(unescape(text).split())


class RichTextField(ProseEditorField):
    """A text field edited with ProseMirror and sanitised with nh3 on every save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", dict(EDITOR_EXTENSIONS))
        kwargs.setdefault("sanitize", sanitise_html)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitise_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        kwargs.setdefault("sanitize", sanitise_html)
        return super().formfield(**kwargs)
