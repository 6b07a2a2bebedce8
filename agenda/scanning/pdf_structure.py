"""What a PDF carries beside its pages (pikepdf, on qpdf): properties and XMP metadata,
layers, comments and other annotations, form field values, attached files, and the
structure that makes it accessible (tags, title, language, alternative text)."""

import re

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from agenda.scanning.findings import LEAK, WARNING, Code, page_list, sample

MAX_NODES = 500_000  # structure elements walked at most: enough for any real report
# Subject is left out: producers fill it with the organisation or a description.
STANDARD_INFO = {
    "/Title", "/Subject", "/Producer", "/Creator", "/CreationDate", "/ModDate", "/Trapped"
}  # fmt: skip
PERSONAL_INFO = {"/Author": "author", "/Keywords": "keywords"}
PATH_LIKE = re.compile(r"([A-Za-z]:\\|\\\\[\w.-]+\\|/Users/|/home/|file:/)")
SILENT_ANNOTATIONS = {"/Link", "/Widget", "/Popup", "/PrinterMark", "/TrapNet"}
HIDDEN_FLAGS = 2 | 32  # annotation flags Hidden and NoView
XMP_PERSONAL = {
    "dc:creator": "author",
    "xmpMM:History": "editing history",
    "xmpMM:DerivedFrom": "the file it was made from",
    "photoshop:AuthorsPosition": "the author's job title",
    "pdf:Keywords": "keywords",
}
PLACEHOLDER_TITLE = re.compile(
    r"^(microsoft (word|excel|powerpoint) - |untitled)|\.(docx?|odt|pdf)$", re.I
)


def _text(value):
    if isinstance(value, String | Name):
        return str(value)
    return ""


def _hidden_layer_names(pdf):
    """Names of the layers (optional content groups) that start hidden when opened."""
    properties = pdf.Root.get("/OCProperties")
    if not isinstance(properties, Dictionary):
        return set()
    groups = [g for g in properties.get("/OCGs", Array()) if isinstance(g, Dictionary)]
    default = properties.get("/D", Dictionary())
    off = {g.objgen for g in default.get("/OFF", Array()) if isinstance(g, Dictionary)}
    on = {g.objgen for g in default.get("/ON", Array()) if isinstance(g, Dictionary)}
    all_off = default.get("/BaseState") == Name.OFF
    return {
        _text(g.get("/Name")) or "(unnamed layer)"
        for g in groups
        if g.objgen in off or (all_off and g.objgen not in on)
    }


def hidden_xobject_layers(pdf, hidden):
    """{page number: layer names} for pictures and drawings marked as in a hidden layer."""
    pages = {}
    for number, page in enumerate(pdf.pages, start=1):
        xobjects = page.obj.get("/Resources", Dictionary()).get("/XObject", Dictionary())
        for _, xobject in xobjects.items():
            group = xobject.get("/OC") if isinstance(xobject, pikepdf.Stream) else None
            name = _text(group.get("/Name")) if isinstance(group, Dictionary) else ""
            if name in hidden:
                pages.setdefault(number, set()).add(name)
    return pages


def _metadata(pdf, report):
    found, where = [], "the file’s properties"
    info = pdf.trailer.get("/Info")
    if isinstance(info, Dictionary):
        for key, label in PERSONAL_INFO.items():
            value = _text(info.get(key)).strip()
            if value:
                found.append(f"{label} “{sample(value, 40)}”")
        for key in ("/Title", "/Creator", "/Producer"):
            value = _text(info.get(key))
            if PATH_LIKE.search(value):
                found.append(f"a folder path “{sample(value, 50)}”")
        extra = sorted(str(k)[1:] for k in info if k not in STANDARD_INFO | set(PERSONAL_INFO))
        if extra:
            found.append("custom properties (" + ", ".join(extra[:5]) + ")")
    if "/Metadata" in pdf.Root:
        try:
            with pdf.open_metadata() as xmp:
                for key, label in XMP_PERSONAL.items():
                    if str(xmp.get(key, "") or "").strip() and label not in " ".join(found):
                        found.append(label)
        except Exception:
            found.append("metadata that cannot be read")
    if found:
        report.add(
            WARNING,
            Code.METADATA,
            where,
            "The PDF’s properties record " + ", ".join(found) + ".",
            "Nothing to do for publication: Minutebook removes these from the copy it "
            "publishes. Remove them in the program that made the PDF if even colleagues "
            "should not see them.",
        )


def _page_annotations(pdf):
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", Array()):
            if isinstance(annotation, Dictionary):
                yield number, annotation


def _annotations(pdf, report):
    comments, markup, redactions, attached = {}, [], [], []
    for number, annotation in _page_annotations(pdf):
        subtype = str(annotation.get("/Subtype", ""))
        if subtype in SILENT_ANNOTATIONS:
            continue
        if subtype == "/Redact":
            redactions.append(number)
            continue
        if subtype == "/FileAttachment":
            attached.append(number)
            continue
        contents = _text(annotation.get("/Contents")) or _text(annotation.get("/RC"))
        if contents.strip():
            author = _text(annotation.get("/T")).strip()
            by = f" by {author}" if author else ""
            comments.setdefault(number, []).append(f"“{sample(contents, 50)}”{by}")
        else:
            markup.append(number)
    for number, found in comments.items():
        report.add(
            LEAK,
            Code.ANNOTATION,
            f"page {number}",
            f"{len(found)} comment(s) readers can open: " + "; ".join(found[:3]) + ".",
            "Delete the comments (or flatten them if they are meant to be seen) and save "
            "the PDF again, then upload the new file.",
        )
    if markup:
        report.add(
            WARNING,
            Code.ANNOTATION,
            page_list(markup),
            f"{len(markup)} highlight(s) or drawing mark-up added on top of the page.",
            "Check the mark-up is meant for the public; if not, delete it and upload again.",
        )
    if redactions:
        report.add(
            LEAK,
            Code.UNAPPLIED_REDACTION,
            page_list(redactions),
            f"{len(redactions)} area(s) are marked for redaction but the redaction was never "
            "applied: the text underneath is still in the file.",
            "Open the PDF in the redaction tool, choose “Apply redactions”, save, and upload "
            "the new file.",
        )
    if attached:
        report.add(
            LEAK,
            Code.EMBEDDED_FILE,
            page_list(attached),
            f"{len(attached)} file(s) attached to the page as comments.",
            "Remove the attachments and save the PDF again, then upload the new file.",
        )


def _walk_fields(fields, depth=0):
    for field in fields:
        if not isinstance(field, Dictionary) or depth > 20:
            continue
        kids = field.get("/Kids")
        if isinstance(kids, Array) and any("/T" in k for k in kids if isinstance(k, Dictionary)):
            yield from _walk_fields(kids, depth + 1)
        else:
            yield field


def _forms(pdf, report):
    form = pdf.Root.get("/AcroForm")
    if not isinstance(form, Dictionary):
        return
    if "/XFA" in form:
        report.add(
            LEAK,
            Code.FORM_VALUE,
            "the whole file",
            "The PDF holds an XFA form, whose data is stored apart from the pages.",
            "Print the form to a new PDF (“Microsoft Print to PDF” or similar) and upload that.",
        )
    widget_pages = {
        a.objgen: n for n, a in _page_annotations(pdf) if a.get("/Subtype") == Name.Widget
    }
    visible, hidden = [], []
    for field in _walk_fields(form.get("/Fields", Array())):
        value = field.get("/V")
        text = _text(value).strip()
        if not text or text in ("Off", "/Off"):
            continue
        name = _text(field.get("/T")) or "(unnamed)"
        widgets = [k for k in field.get("/Kids", Array()) if isinstance(k, Dictionary)] or [field]
        flags = [int(w.get("/F", 0)) for w in widgets]
        pages = [widget_pages[w.objgen] for w in widgets if w.objgen in widget_pages]
        entry = (name, text.lstrip("/"), pages)
        if not pages or all(f & HIDDEN_FLAGS for f in flags):
            hidden.append(entry)
        else:
            visible.append(entry)
    for name, text, pages in hidden:
        report.add(
            LEAK,
            Code.FORM_VALUE,
            page_list(pages) if pages else "the whole file",
            f"The hidden form field “{sample(name, 30)}” holds “{sample(text, 40)}”.",
            "Print the PDF to a new PDF (which drops form data) and upload that.",
        )
    if visible:
        pages = [p for _, _, ps in visible for p in ps]
        shown = "; ".join(f"“{sample(n, 25)}”: “{sample(t, 30)}”" for n, t, _ in visible[:3])
        report.add(
            WARNING,
            Code.FORM_VALUE,
            page_list(pages),
            f"{len(visible)} form field(s) hold values that readers can change or copy: {shown}.",
            "If the form is not meant to be filled in, print it to a new PDF and upload that.",
        )


def _embedded(pdf, report):
    names = list(pdf.attachments.keys())
    if names:
        report.add(
            LEAK,
            Code.EMBEDDED_FILE,
            "the whole file",
            f"{len(names)} file(s) are attached inside the PDF: "
            + ", ".join(f"“{sample(n, 40)}”" for n in names[:5])
            + ".",
            "Remove the attached files and save the PDF again (or print it to a new PDF), "
            "then upload the new file.",
        )


def _figures_without_alt(pdf):
    """Figures in the structure tree without alternative text (None when untagged).

    Looked for among all the file's objects rather than by walking the tree from its
    root: qpdf hands them over in C++ speed, and a walk of a long report's tens of
    thousands of elements through Python takes seconds."""
    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, Dictionary):
        return None
    role_map = tree.get("/RoleMap", Dictionary())
    figure_roles = {Name.Figure}
    if isinstance(role_map, Dictionary):
        figure_roles |= {Name(str(k)) for k, v in role_map.items() if v == Name.Figure}
    missing = 0
    for count, node in enumerate(pdf.objects):
        if count > MAX_NODES:
            break
        if not isinstance(node, Dictionary) or node.get("/S") not in figure_roles:
            continue
        if "/P" in node and not (
            _text(node.get("/Alt")).strip() or _text(node.get("/ActualText")).strip()
        ):
            missing += 1  # /P: a structure element (it has a parent), not some other /S
    return missing


def _title(pdf):
    info = pdf.trailer.get("/Info")
    title = _text(info.get("/Title")) if isinstance(info, Dictionary) else ""
    if not title.strip() and "/Metadata" in pdf.Root:
        try:
            with pdf.open_metadata() as xmp:
                title = str(xmp.get("dc:title", "") or "")
        except Exception:
            title = ""
    title = title.strip()
    return bool(title) and not PLACEHOLDER_TITLE.search(title)


def accessibility_facts(pdf):
    """(tagged, has a real title, has a language, figures without alt or None if untagged)."""
    mark = pdf.Root.get("/MarkInfo")
    marked = isinstance(mark, Dictionary) and bool(mark.get("/Marked", False))
    tagged = marked and isinstance(pdf.Root.get("/StructTreeRoot"), Dictionary)
    language = _text(pdf.Root.get("/Lang")).strip()
    return tagged, _title(pdf), bool(language), _figures_without_alt(pdf) if tagged else None


def inspect_structure(pdf, report):
    """Add findings from everything but the page drawings; return hidden layer names."""
    _metadata(pdf, report)
    _annotations(pdf, report)
    _forms(pdf, report)
    _embedded(pdf, report)
    return _hidden_layer_names(pdf)
