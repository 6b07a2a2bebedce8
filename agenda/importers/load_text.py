"""Imported words as the editor's rich text: escaped, one paragraph a line, sanitised."""

from django.utils.html import escape

from committees.richtext import sanitise_html


def paragraphs_html(lines):
    return sanitise_html("".join(f"<p>{escape(line)}</p>" for line in lines))


def entries_html(entries):
    """Numbered entries as paragraphs that keep their printed labels."""
    return paragraphs_html(" ".join(filter(None, [e.label, e.text])) for e in entries)
