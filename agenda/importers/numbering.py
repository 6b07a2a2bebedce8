"""Text clean-up and the numbered lists ModernGov pages use for recommendations and
resolutions: "(1)", "1.", "(a)", "(i)", "a)", after "Recommended"/"Resolved" in any case,
with or without a dash."""

import html
import re

# Every Unicode space ModernGov pages carry (nbsp, thin, narrow nbsp...) becomes a plain one.
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# "Recommended –", "RESOLVED:", "Resolved - That ...", "Recommendations", "Resolution".
_HEADING = re.compile(
    r"^(?P<word>recommended|recommendations?|resolved|resolutions?)\b\s*(?P<dash>[:\-–—]*)"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "(1)", "(a)", "(iv)", "1.", "a)", "iv)", "1)", "a." at the start of a line.
_LABEL = re.compile(
    r"^(?:(?P<bracketed>\(\s*(?:\d{1,3}|[a-z]|[ivxlc]{1,6})\s*\))\s*"
    r"|(?P<plain>\d{1,3}[.)]|[a-z][.)]|[ivxlc]{1,6}[.)])\s+)(?P<text>\S.*)$",
    re.IGNORECASE,
)


def unescape_all(value):
    """Undo HTML entities, including the double encoding (`&amp;#39;`) some sources emit."""
    for _ in range(3):
        if "&" not in value:
            break
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return value


def clean_text(value):
    """One line of text: entities decoded, control characters dropped, spaces collapsed."""
    value = unescape_all(value or "")
    value = _CONTROL.sub("", value)
    return _SPACES.sub(" ", value).strip()


def match_heading(line):
    """("recommendations"|"resolutions", rest of line) if `line` opens a numbered list."""
    found = _HEADING.match(line)
    if not found:
        return None
    rest = found["rest"].strip()
    # "Recommendations from the panel were noted." is narrative, not a list heading.
    if rest and not found["dash"] and not (match_label(rest) or rest.lower().startswith("that")):
        return None
    word = found["word"].lower()
    kind = "recommendations" if word.startswith("recommend") else "resolutions"
    return kind, rest


def match_label(line):
    """(label, text) if `line` starts a numbered entry, else None."""
    found = _LABEL.match(line)
    if not found:
        return None
    label = re.sub(r"\s+", "", found["bracketed"] or found["plain"])
    return label, found["text"].strip()


def continues_entry(previous_text, line):
    """A wrapped line belongs to the entry above unless that entry ended a sentence and
    the line reads like a new paragraph."""
    if not previous_text:
        return False
    ended = previous_text.rstrip()[-1:] in {".", ";", ":", "!", "?"}
    return not ended or line[:1].islower()
