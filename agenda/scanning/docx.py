"""Word (.docx) files: tracked changes, comments, hidden text, properties, links to
files and embedded objects, read from the package's XML parts."""

import posixpath

from agenda.scanning.findings import LEAK, WARNING, Code, ScanReport, sample
from agenda.scanning.office_parts import Package, external_paths, ooxml_properties, q, text_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_PARTS = (
    ("word/document.xml", "the main text"),
    ("word/footnotes.xml", "the footnotes"),
    ("word/endnotes.xml", "the endnotes"),
)
FORMAT_CHANGES = ("w:rPrChange", "w:pPrChange", "w:sectPrChange", "w:tblPrChange")


def _is_on(element):
    """A Word on/off property: present means on unless its value says otherwise."""
    return element is not None and element.get(q("w:val"), "true") not in ("0", "false", "off")


def _hidden_styles(package):
    styles = package.xml("word/styles.xml")
    hidden = set()
    for style in [] if styles is None else styles.iter(q("w:style")):
        properties = style.find(q("w:rPr"))
        if properties is not None and _is_on(properties.find(q("w:vanish"))):
            hidden.add(style.get(q("w:styleId")))
    return hidden


def _paragraph_text(paragraph):
    return sample(text_of(paragraph, "w:t"), 40)


def _tracked_changes(root, where, report):
    insertions = deletions = moves = formatting = 0
    deleted, near = [], ""
    for paragraph in root.iter(q("w:p")):
        changed = False
        for element in paragraph.iter():
            if element.tag == q("w:ins"):
                insertions += 1
                changed = True
            elif element.tag == q("w:del"):
                deletions += 1
                changed = True
                deleted.append(text_of(element, "w:delText"))
            elif element.tag in (q("w:moveFrom"), q("w:moveTo")):
                moves += 1
                changed = True
            elif element.tag in [q(t) for t in FORMAT_CHANGES]:
                formatting += 1
                changed = True
        if changed and not near:
            near = _paragraph_text(paragraph) or sample(" ".join(deleted), 40)
    counts = [
        (insertions, "insertion"),
        (deletions, "deletion"),
        (moves // 2 or moves, "move"),
        (formatting, "formatting change"),
    ]
    parts = [f"{n} {label}{'s' if n != 1 else ''}" for n, label in counts if n]
    if not parts:
        return
    removed = sample(" ".join(d for d in deleted if d.strip()), 50)
    report.add(
        LEAK,
        Code.TRACKED_CHANGE,
        f"{where}, near “{near}”" if near else where,
        "The document still has tracked changes ("
        + ", ".join(parts)
        + ")"
        + (f", including deleted text “{removed}”" if removed else "")
        + ".",
        "In Word choose Review > Accept (or Reject) All Changes, save, and upload the file again.",
    )


def _hidden_text(root, hidden_styles, where, report):
    found = []
    for run in root.iter(q("w:r")):
        properties = run.find(q("w:rPr"))
        if properties is None:
            continue
        style = properties.find(q("w:rStyle"))
        if _is_on(properties.find(q("w:vanish"))) or (
            style is not None and style.get(q("w:val")) in hidden_styles
        ):
            text = text_of(run, "w:t")
            if text.strip():
                found.append(text)
    for paragraph in root.iter(q("w:p")):
        style = paragraph.find(f"{q('w:pPr')}/{q('w:pStyle')}")
        if style is not None and style.get(q("w:val")) in hidden_styles:
            found.append(text_of(paragraph, "w:t"))
    found = [t for t in found if t.strip()]
    if found:
        report.add(
            LEAK,
            Code.HIDDEN_TEXT,
            where,
            f"{len(found)} piece(s) of text are formatted as hidden: "
            f"“{sample(' '.join(found), 50)}”.",
            "Show hidden text (Home > ¶), delete what should not be there, save and upload again.",
        )


def _comments(package, report):
    root = package.xml("word/comments.xml")
    comments = [] if root is None else list(root.iter(q("w:comment")))
    if not comments:
        return
    authors = sorted({c.get(q("w:author"), "") for c in comments} - {""})
    first = sample(text_of(comments[0], "w:t"), 50)
    by = f" by {', '.join(authors[:3])}" if authors else ""
    report.add(
        LEAK,
        Code.COMMENT,
        "comments in the margin",
        f"{len(comments)} comment(s){by}, e.g. “{first}”.",
        "In Word choose Review > Delete > Delete All Comments in Document, save and upload again.",
    )


def _embedded(package, report, *, private):
    objects = sorted(
        n for n in package.names if n.startswith("word/embeddings/") and not n.endswith("/")
    )
    chunks = [n for n in package.names if posixpath.basename(n).lower().startswith("afchunk")]
    objects += chunks
    if not objects:
        return
    names = ", ".join(f"“{posixpath.basename(n)}”" for n in objects[:4])
    report.add(
        WARNING if private else LEAK,
        Code.EMBEDDED_OBJECT,
        "the whole file",
        f"{len(objects)} embedded object(s) ({names}): an embedded spreadsheet or document "
        "travels whole inside the file, not just the part you see.",
        "Paste the chart or table as a picture instead of an embedded object, save and upload "
        "again."
        + (" (The Word file itself stays private; only the PDF is published.)" if private else ""),
    )


def scan_docx(data, *, private=False):
    """Scan .docx bytes. `private`: the file is an original that is never published."""
    package = Package(data)
    report = ScanReport(content_type=DOCX)
    hidden_styles = _hidden_styles(package)
    parts = list(TEXT_PARTS) + [
        (name, "a header" if "header" in name else "a footer")
        for name in sorted(package.names)
        if name.startswith(("word/header", "word/footer")) and name.endswith(".xml")
    ]
    for name, where in parts:
        root = package.xml(name)
        if root is None:
            continue
        _tracked_changes(root, where, report)
        _hidden_text(root, hidden_styles, where, report)
    _comments(package, report)
    _embedded(package, report, private=private)
    external_paths(package, [name for name, _ in parts] + ["word/settings.xml"], report)
    ooxml_properties(package, report)
    report.findings.sort(key=lambda f: f.kind != LEAK)
    return report
