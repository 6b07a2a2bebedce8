"""Earlier versions of a PDF kept inside it. A PDF saved "with changes added on" (an
incremental update) keeps every earlier version after the first in full: text deleted or
"redacted" in a later save can be read by opening the file as it was.

Only pages whose drawing changed between versions are read again (an update usually
touches a page or two), so a long report with a small correction costs little."""

import hashlib
import io
import re

import pikepdf
import pypdfium2 as pdfium

from agenda.scanning.findings import LEAK, WARNING, Code, page_list, sample
from agenda.scanning.pdf_pages import page_texts

END_MARKER = re.compile(rb"%%EOF")
WORD = re.compile(r"\w{3,}")
MAX_REVISIONS = 20


def earlier_versions(data):
    """The bytes of each earlier version, oldest first (a linearized file's first-page
    section is not a version of its own)."""
    ends = [m.end() for m in END_MARKER.finditer(data)]
    if ends and not data[ends[-1] :].strip(b"\r\n\x00 "):
        ends = ends[:-1]  # the last marker closes the file as it is now
    if ends and b"/Linearized" in data[:1024]:
        ends = ends[1:]
    return [data[:end] for end in ends[-MAX_REVISIONS:]]


def _stream_digest(digest, obj, depth=0):
    if isinstance(obj, pikepdf.Array):
        for part in obj:
            _stream_digest(digest, part, depth)
    elif isinstance(obj, pikepdf.Stream):
        digest.update(obj.read_raw_bytes())
        if depth < 3:
            resources = obj.get("/Resources")
            if isinstance(resources, pikepdf.Dictionary):
                _resources_digest(digest, resources, depth + 1)


def _resources_digest(digest, resources, depth):
    for name, xobject in resources.get("/XObject", pikepdf.Dictionary()).items():
        digest.update(str(name).encode())
        if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == pikepdf.Name.Form:
            _stream_digest(digest, xobject, depth)


def page_fingerprints(data):
    """One digest per page of what it draws (its content and its drawings' content)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        prints = []
        for page in pdf.pages:
            digest = hashlib.sha256()
            _stream_digest(digest, page.obj.get("/Contents", pikepdf.Array()))
            _resources_digest(digest, page.obj.get("/Resources", pikepdf.Dictionary()), 1)
            prints.append(digest.digest())
        return prints


def inspect_history(data, report):
    versions = earlier_versions(data)
    if not versions:
        return
    final_prints = page_fingerprints(data)
    final_texts = {}  # read lazily, only for pages some version drew differently
    removed_pages, removed_words, readable = [], [], 0
    for version in versions:
        try:
            prints = page_fingerprints(version)
        except pikepdf.PdfError:
            continue  # not a version after all (the marker sat inside a stream)
        readable += 1
        changed = [
            n
            for n, digest in enumerate(prints, start=1)
            if n > len(final_prints) or final_prints[n - 1] != digest
        ]
        try:
            texts = page_texts(version, changed)
        except pdfium.PdfiumError:
            continue
        wanted = [n for n in changed if n not in final_texts]
        final_texts.update(dict.fromkeys(wanted, "") | page_texts(data, wanted))
        # A word counts as removed when no changed page of the final file has it (an
        # update that moves text between the pages it touches is not a removal).
        final_words = {w for text in final_texts.values() for w in WORD.findall(text)}
        for number, text in texts.items():
            gone = [w for w in dict.fromkeys(WORD.findall(text)) if w not in final_words]
            if gone:
                removed_pages.append(number)
                removed_words.extend(w for w in gone if w not in removed_words)
    if not readable:
        return
    if removed_words:
        report.add(
            LEAK,
            Code.EARLIER_REVISION,
            page_list(removed_pages),
            f"An earlier version of this PDF is still inside it, with text no longer on its "
            f"pages: “{sample(' '.join(removed_words), 60)}”.",
            "Save it with “Save As” to a new file, or print it to a new PDF, so only the "
            "final version is kept, and upload that.",
        )
    else:
        report.add(
            WARNING,
            Code.EARLIER_REVISION,
            "the whole file",
            f"The PDF keeps {readable} earlier version(s) of itself. Their text matches the "
            "final version, but earlier pictures or comments may still be inside.",
            "Unless the file is digitally signed, save it with “Save As” (or print it to a "
            "new PDF) and upload that.",
        )
