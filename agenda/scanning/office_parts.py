"""Reading the parts of Office Open XML (.docx, .xlsx) and OpenDocument (.odt) files:
ZIP archives of XML. Parsed with defusedxml, so a hostile file cannot expand entities or
reach the network; parts over a size limit are refused rather than read."""

import io
import posixpath
import re
import zipfile

from defusedxml import ElementTree

from agenda.scanning.findings import WARNING, Code, sample

MAX_PART_BYTES = 200 * 1024 * 1024
PATH_LIKE = re.compile(r"^(file:|[A-Za-z]:[\\/]|\\\\|/)", re.I)

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "cup": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}


def q(name):
    """Clark notation for a prefixed name: q("w:t") -> "{...main}t"."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


class Package:
    """An opened Office or OpenDocument file. Raises ValueError for a damaged one."""

    def __init__(self, data):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise ValueError("The file is damaged and cannot be opened.") from error

    def read(self, name):
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART_BYTES:
            raise ValueError("The file is too large inside to be checked.")
        return self.zip.read(info)

    def xml(self, name):
        """The part's root element, or None if the part is absent."""
        if name not in self.names:
            return None
        try:
            return ElementTree.fromstring(self.read(name))
        except ElementTree.ParseError as error:
            raise ValueError("The file is damaged and cannot be read.") from error

    def open(self, name):
        return self.zip.open(name)

    def relationships(self, part):
        """{id: (target path inside the package or external target, is_external)} of a part."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        result = {}
        for rel in [] if rels is None else rels.iter(q("rel:Relationship")):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            result[rel.get("Id")] = (target, external, rel.get("Type", ""))
        return result


def text_of(element, tag):
    return "".join(node.text or "" for node in element.iter(q(tag)))


def ooxml_properties(package, report):
    """Author, last editor, company and custom properties of a .docx or .xlsx."""
    found = []
    core = package.xml("docProps/core.xml")
    if core is not None:
        for tag, label in (
            ("dc:creator", "author"),
            ("cp:lastModifiedBy", "last edited by"),
            ("cp:keywords", "keywords"),
            ("dc:description", "comments"),
        ):
            value = text_of(core, tag).strip()
            if value:
                found.append(f"{label} “{sample(value, 40)}”")
    app = package.xml("docProps/app.xml")
    if app is not None:
        for tag, label in (("ep:Company", "company"), ("ep:Manager", "manager")):
            value = text_of(app, tag).strip()
            if value:
                found.append(f"{label} “{sample(value, 40)}”")
        template = text_of(app, "ep:Template").strip()
        if PATH_LIKE.search(template):
            found.append(f"template “{sample(template, 50)}”")
    custom = package.xml("docProps/custom.xml")
    if custom is not None:
        names = [p.get("name", "") for p in custom.iter(q("cup:property"))]
        if names:
            found.append("custom properties (" + ", ".join(sample(n, 30) for n in names[:5]) + ")")
    _properties_finding(found, report)


def _properties_finding(found, report):
    if found:
        report.add(
            WARNING,
            Code.METADATA,
            "the file’s properties",
            "The file’s properties record " + ", ".join(found) + ".",
            "Remove them before sharing the file itself (in Word or Excel: File > Info > "
            "Check for Issues > Inspect Document); a PDF made from it is cleaned by Minutebook.",
        )


def odf_properties(package, report):
    meta = package.xml("meta.xml")
    if meta is None:
        return
    found = []
    for tag, label in (
        ("meta:initial-creator", "author"),
        ("dc:creator", "last edited by"),
        ("meta:keyword", "keywords"),
        ("dc:description", "comments"),
    ):
        value = text_of(meta, tag).strip()
        if value:
            found.append(f"{label} “{sample(value, 40)}”")
    for template in meta.iter(q("meta:template")):
        href = template.get(q("xlink:href"), "")
        if PATH_LIKE.search(href):
            found.append(f"template “{sample(href, 50)}”")
    names = [p.get(q("meta:name"), "") for p in meta.iter(q("meta:user-defined"))]
    if names:
        found.append("custom properties (" + ", ".join(sample(n, 30) for n in names[:5]) + ")")
    _properties_finding(found, report)


def external_paths(package, parts, report):
    """Links from these parts to files on someone's computer or network drive."""
    paths = []
    for part in parts:
        for target, external, _ in package.relationships(part).values():
            if external and PATH_LIKE.search(target) and target not in paths:
                paths.append(target)
    if paths:
        report.add(
            WARNING,
            Code.FILE_PATH,
            "links in the file",
            f"The file links to {len(paths)} file(s) on a computer or network drive, which "
            f"shows folder and user names: “{sample(paths[0], 60)}”.",
            "Remove or replace the links (and any linked template), save and upload again.",
        )
