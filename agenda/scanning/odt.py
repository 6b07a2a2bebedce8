"""OpenDocument text (.odt) files: tracked changes, comments (annotations), hidden text,
properties and embedded objects, read from content.xml, styles.xml, meta.xml."""

from agenda.scanning.findings import LEAK, WARNING, Code, ScanReport, sample
from agenda.scanning.office_parts import Package, odf_properties, q, text_of

ODT = "application/vnd.oasis.opendocument.text"
EMBEDDED_TYPES = ("application/vnd.oasis.opendocument.", "application/vnd.sun.star.oleobject")


def _hidden_styles(*roots):
    hidden = set()
    for root in roots:
        for style in [] if root is None else root.iter(q("style:style")):
            properties = style.find(q("style:text-properties"))
            if properties is not None and properties.get(q("text:display")) == "none":
                hidden.add(style.get(q("style:name")))
    return hidden


def _tracked_changes(content, report):
    regions = list(content.iter(q("text:changed-region")))
    if not regions:
        return
    deleted = [
        text_of(region, "text:p") or "".join(region.find(f".//{q('text:deletion')}").itertext())
        for region in regions
        if region.find(f".//{q('text:deletion')}") is not None
    ]
    removed = sample(" ".join(d for d in deleted if d.strip()), 50)
    report.add(
        LEAK,
        Code.TRACKED_CHANGE,
        "the main text",
        f"The document still has {len(regions)} tracked change(s)"
        + (f", including deleted text “{removed}”" if removed else "")
        + ".",
        "Choose Edit > Track Changes > Manage, then Accept All (or Reject All), save and "
        "upload the file again.",
    )


def _comments(content, report):
    notes = list(content.iter(q("office:annotation")))
    if not notes:
        return
    authors = sorted({text_of(n, "dc:creator").strip() for n in notes} - {""})
    first = sample(text_of(notes[0], "text:p") or "".join(notes[0].itertext()), 50)
    by = f" by {', '.join(authors[:3])}" if authors else ""
    report.add(
        LEAK,
        Code.COMMENT,
        "comments in the margin",
        f"{len(notes)} comment(s){by}, e.g. “{first}”.",
        "Delete all comments (right-click a comment > Delete All Comments), save and upload again.",
    )


def _hidden_text(content, hidden_styles, report):
    found = []
    for tag in ("text:hidden-text", "text:hidden-paragraph"):
        for field in content.iter(q(tag)):
            found.append(field.get(q("text:string-value")) or "".join(field.itertext()))
    for section in content.iter(q("text:section")):
        if (
            section.get(q("text:display")) == "none"
            or section.get(q("text:style-name")) in hidden_styles
        ):
            found.append("".join(section.itertext()))
    for tag in ("text:span", "text:p", "text:h"):
        for element in content.iter(q(tag)):
            if element.get(q("text:style-name")) in hidden_styles:
                found.append("".join(element.itertext()))
    found = [t for t in found if t.strip()]
    if found:
        report.add(
            LEAK,
            Code.HIDDEN_TEXT,
            "the main text",
            f"{len(found)} piece(s) of text are hidden: “{sample(' '.join(found), 50)}”.",
            "Show hidden text and fields (View > Formatting Marks, View > Hidden Paragraphs), "
            "delete what should not be there, save and upload again.",
        )


def _embedded(package, report, *, private):
    manifest = package.xml("META-INF/manifest.xml")
    objects = [
        entry.get(q("manifest:full-path"), "").rstrip("/")
        for entry in ([] if manifest is None else manifest.iter(q("manifest:file-entry")))
        if entry.get(q("manifest:full-path"), "") not in ("/", "")
        and entry.get(q("manifest:media-type"), "").startswith(EMBEDDED_TYPES)
    ]
    if not objects:
        return
    report.add(
        WARNING if private else LEAK,
        Code.EMBEDDED_OBJECT,
        "the whole file",
        f"{len(objects)} embedded object(s) (“{objects[0]}”…): an embedded chart or "
        "spreadsheet carries its whole data inside the file.",
        "Insert the chart or table as a picture instead of an object, save and upload again."
        + (" (The original itself stays private; only the PDF is published.)" if private else ""),
    )


def scan_odt(data, *, private=False):
    package = Package(data)
    report = ScanReport(content_type=ODT)
    content = package.xml("content.xml")
    if content is None:
        raise ValueError("The file is damaged: it has no text.")
    styles = package.xml("styles.xml")
    _tracked_changes(content, report)
    _comments(content, report)
    _hidden_text(content, _hidden_styles(content, styles), report)
    _embedded(package, report, private=private)
    odf_properties(package, report)
    report.findings.sort(key=lambda f: f.kind != LEAK)
    return report
