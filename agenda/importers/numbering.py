"""Text clean-up and the numbered lists ModernGov pages use for recommendations and
decisions, in all their spellings: "RESOLVED –", "Resolved:-", "RESOLVED, that", "It was
RESOLVED to", "RECOMMENDED TO COUNCIL:-", "AGREED", a page number in front ("12 Resolved"),
and labels (1) 1) 1. (a) a) a. (i) i) A: A. (A), also several on one line."""

import html
import re

# Every Unicode space ModernGov pages carry (nbsp, thin, narrow nbsp...) becomes a plain one.
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_HEADING = re.compile(
    # A page number or page marker printed in front of the label ("12 Resolved –").
    r"^(?:(?:page\s+)?\d{1,3}\s+(?=(?:it\s+was\s+)?(?:resolved|recommended|agreed)\b))?"
    r"(?P<it>(?:and\s+)?it\s+was\s+(?:(?:therefore|then|thereupon|duly|further|also|"
    r"unanimously|accordingly)\s+)*)?"
    r"(?P<word>recommended|recommendations?|resolved|resolutions?|agreed|decided)\b"
    r"(?P<to>\s+to\s+(?:the\s+)?(?:full\s+)?(?:council|cabinet|executive)\b)?"
    r"(?:\s*\((?P<paren>[^()]{1,80})\))?"
    r"\s*(?P<dash>(?:[:\-–—,;]\s*)*)(?P<rest>.*)$",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:(?P<bracketed>\(\s*(?:\d{1,3}[a-z]?|[a-z]|[ivxlc]{1,6})\s*\))\s*"
    r"|(?P<plain>\d{1,3}[.)]|[a-z][.)]|[ivxlc]{1,6}[.)])\s+"
    r"|(?P<capital>[A-Z][.):])\s+(?=[A-Z(\"“‘'])"
    r"|(?P<bullet>[•·▪◦●]|-(?=\s))\s*)(?P<text>\S.*)$",
    re.IGNORECASE,
)
# Two or more bracketed labels on one line: "(1) That …; (2) That …".
_INLINE = re.compile(r"(?:^|(?<=\s))\((\d{1,2}|[a-z]|[ivx]{1,5})\)\s+", re.IGNORECASE)
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
_PAGE_MARKER = re.compile(r"^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—])$", re.I)
# What a copied page carries around the content: icons, file sizes, share links.
_FURNITURE = re.compile(
    r"^(?:share this item|pdf icon|(?:pdf icon\s+)?pdf\s+\d+(?:\.\d+)?\s*[kmg]b|"
    r"view the (?:background|decision|reasons|webcast)\b.*|view directions|media|"
    r"no\.?\s*\|?\s*item(?:\s*\|)*|no\.?|item|items|[|\s-]+|skip to (?:main )?content|"
    r"print this page|local democracy|agenda item|councillors and committees)$",
    re.IGNORECASE,
)
_FILE_SIZE = re.compile(r"\s*(?:pdf icon\s*)?\bpdf\s+\d+(?:\.\d+)?\s*[kmg]b\b", re.IGNORECASE)


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


def strip_file_size(value):
    """ "Minutes of the last meeting pdf icon PDF 230 KB" -> "Minutes of the last meeting"."""
    return _FILE_SIZE.sub("", value).strip()


def is_furniture(line):
    return bool(_FURNITURE.match(line) or _PAGE_MARKER.match(line))


def is_page_marker(line):
    return bool(_PAGE_MARKER.match(line))


def match_heading(line):
    """("recommendations"|"resolutions", rest of line) if `line` opens a numbered list."""
    found = match_heading_full(line)
    return (found["kind"], found["rest"]) if found else None


def match_heading_full(line):
    """Like `match_heading`, with what was seen: {"kind", "rest", "word", "to", "paren"}."""
    if line[:1] in "\"“‘'":
        return None  # a quoted earlier resolution is narrative
    found = _HEADING.match(line)
    if not found:
        return None
    rest = found["rest"].strip()
    lowered = rest.lower()
    word = found["word"].lower()
    opens = not rest or found["dash"].strip() or match_label(rest)
    opens = (
        opens
        or lowered in {"that", "to"}
        or lowered.startswith(("that ", "that:", "to ", "as follows"))
    )
    if word in {"agreed", "decided"} and rest and not found["dash"].strip():
        # "Agreed actions were listed" is narrative; "AGREED that …" and "AGREED –" are not.
        opens = lowered == "that" or lowered.startswith(("that ", "to "))
    if not opens:
        return None
    if lowered.startswith("as follows"):
        rest = rest[len("as follows") :].lstrip(" :-–—")
    kind = "recommendations" if word.startswith("recommend") else "resolutions"
    return {
        "kind": kind,
        "rest": rest,
        "word": word,
        "to": (found["to"] or "").strip(),
        "paren": found["paren"] or "",
        "dash": found["dash"].strip(),
    }


def match_label(line):
    """(label, text) if `line` starts a numbered entry, else None."""
    found = _LABEL.match(line)
    if not found:
        return None
    if found["capital"] and not found["capital"][0].isupper():
        return None
    raw = found["bracketed"] or found["plain"] or found["capital"] or ""
    label = re.sub(r"\s+", "", raw)
    return label, found["text"].strip()


def split_inline(text):
    """[(label, text), ...] when one line holds a run of bracketed labels in sequence,
    "(1) That X; (2) That Y" or "(a) … (b) …"; else None."""
    starts = list(_INLINE.finditer(text))
    if len(starts) < 2 or starts[0].start() != 0:
        return None
    labels = [m[1].lower() for m in starts]
    if not _in_sequence(labels):
        return None
    parts = []
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        end = following.start() if following else len(text)
        body = text[match.end() : end].strip().rstrip(";").strip()
        body = re.sub(r"[;,]?\s+and$", "", body).strip()
        parts.append((f"({match[1]})", body))
    return parts


def _in_sequence(labels):
    for series in (
        [str(n) for n in range(1, 40)],
        list("abcdefghijklmnopqrstuvwxyz"),
        _ROMAN,
    ):
        if labels[0] in series:
            start = series.index(labels[0])
            if labels == series[start : start + len(labels)]:
                return True
    return False


def continues_entry(previous_text, line):
    """A wrapped line belongs to the entry above unless that entry ended a sentence and
    the line reads like a new paragraph."""
    if not previous_text:
        return False
    ended = previous_text.rstrip()[-1:] in {".", ";", ":", "!", "?"}
    return not ended or line[:1].islower()


def first_upper(text):
    """ "that the report be noted." -> "That the report be noted."."""
    return text[:1].upper() + text[1:] if text else text


def normalised(text):
    """For comparing two copies of the same words (Decision: and Minutes: blocks)."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
