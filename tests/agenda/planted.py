"""Planted-leak files for the scanner tests, made by code: each hides one thing the way
real council papers have leaked, and the clean ones hide nothing.

PDFs are written with pikepdf (content streams spelt out, so what is drawn where is
exact); the earlier-revision PDF is saved incrementally with pypdf; Word files start
from python-docx and get the tracked change and comment as Word writes them; the
workbook is made with openpyxl."""

import io
import zipfile

import docx
import openpyxl
import pikepdf
from pikepdf import Array, Dictionary, Name
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

A4 = (595, 842)
SECRET = "Mrs Agatha Tenant of 4 Acacia Road"


def _pdf(pages, *, title="Housing allocations report", setup=None):
    """A PDF whose pages draw `pages` (content stream bytes, one per page) in Helvetica."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    for ops in pages:
        page = pdf.add_blank_page(page_size=A4)
        page.Resources = Dictionary(Font=Dictionary(F1=font))
        page.Contents = pdf.make_stream(ops)
    if title:
        pdf.docinfo["/Title"] = title
    if setup:
        setup(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _line(text, y, size=12, x=72):
    return f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n".encode()


BODY = _line("Housing allocations: quarterly report", 760, 16) + _line(
    "The committee is asked to note the allocations made this quarter.", 730
)


def clean_pdf():
    return _pdf([BODY, BODY + _line("Page two continues the report.", 700)])


def pdf_text_under_box():
    """A "redaction" made by drawing a black box over the name: the words remain."""
    return _pdf([BODY + _line(SECRET, 700) + b"0 g 68 694 260 20 re f\n"])


def pdf_text_under_image():
    """The same failed redaction with a pasted black picture instead of a box."""

    def add_image(pdf):
        image = pikepdf.Stream(pdf, b"\x00" * 16)
        image.Type, image.Subtype = Name.XObject, Name.Image
        image.Width, image.Height, image.BitsPerComponent = 4, 4, 8
        image.ColorSpace = Name.DeviceGray
        page = pdf.pages[0]
        page.Resources.XObject = Dictionary(Im1=image)
        page.Contents = pdf.make_stream(
            page.Contents.read_bytes() + b"q 260 0 0 20 68 694 cm /Im1 Do Q\n"
        )

    return _pdf([BODY + _line(SECRET, 700)], setup=add_image)


def pdf_hidden_layer():
    """A layer ("Officer notes") switched off in the file, holding a name."""

    def add_layer(pdf):
        group = pdf.make_indirect(Dictionary(Type=Name.OCG, Name="Officer notes"))
        pdf.Root.OCProperties = Dictionary(
            OCGs=Array([group]), D=Dictionary(OFF=Array([group]), Order=Array([group]))
        )
        page = pdf.pages[0]
        page.Resources.Properties = Dictionary(MC0=group)
        page.Contents = pdf.make_stream(
            page.Contents.read_bytes() + b"/OC /MC0 BDC\n" + _line(SECRET, 650) + b"EMC\n"
        )

    return _pdf([BODY], setup=add_layer)


def pdf_earlier_revision():
    """Saved once with the name, then again "with changes added on" without it: the
    first version is still inside the file."""
    first = _pdf([BODY + _line(SECRET, 700)])
    writer = PdfWriter(io.BytesIO(first), incremental=True)
    page = writer.pages[0]
    stream = DecodedStreamObject()
    stream.set_data(BODY + _line("[Name removed]", 700))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_white_tiny_and_offpage_text():
    return _pdf(
        [
            BODY
            + b"1 1 1 rg\n"
            + _line("white words " + SECRET, 680)
            + b"0 g\n"
            + _line("tiny words " + SECRET, 660, size=0.8)
            + _line("far words " + SECRET, 640, x=900)
        ]
    )


def pdf_with_comment_form_and_attachment():
    def add(pdf):
        page = pdf.pages[0]
        note = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Text,
            Rect=[400, 700, 420, 720],
            Contents="Check with legal before naming the tenant",
            T="J. Officer",
        )
        widget = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Tx,
                T="case_ref",
                V="Tenant: " + SECRET,
                Rect=[72, 600, 300, 620],
                F=2,
            )
        )
        page.Annots = pdf.make_indirect(Array([pdf.make_indirect(note), widget]))
        pdf.Root.AcroForm = Dictionary(Fields=Array([widget]))
        pdf.attachments["tenants.csv"] = pikepdf.AttachedFileSpec(pdf, b"name\n" + SECRET.encode())
        pdf.docinfo["/Author"] = "J. Officer"

    return _pdf([BODY], setup=add)


# ------------------------------------------------------------------------------ Word


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(paragraphs_xml="", comments=None, *, author=""):
    """A .docx from python-docx, with raw paragraphs appended as Word would write them and
    optionally a comments part."""
    document = docx.Document()
    document.core_properties.author = author
    document.core_properties.last_modified_by = ""
    document.core_properties.comments = ""
    document.add_heading("Housing allocations: quarterly report", level=1)
    document.add_paragraph("The committee is asked to note the allocations made this quarter.")
    buffer = io.BytesIO()
    document.save(buffer)
    if not paragraphs_xml and not comments:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr", paragraphs_xml.encode() + b"<w:sectPr", 1)
            if comments and entry.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/comments.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
                )
            if comments and entry.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/comments" Target="comments.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(entry, data)
        if comments:
            target.writestr(
                "word/comments.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:comments xmlns:w="{W}">{comments}</w:comments>',
            )
    return out.getvalue()


def clean_docx():
    return _docx()


def docx_tracked_change_and_comment():
    """A deletion not yet accepted (the name is still in the file) and a margin comment."""
    changed = (
        '<w:p><w:r><w:t xml:space="preserve">The tenant </w:t></w:r>'
        '<w:del w:id="1" w:author="J. Officer" w:date="2026-01-10T09:00:00Z"><w:r>'
        f"<w:delText>{SECRET}</w:delText></w:r></w:del>"
        '<w:ins w:id="2" w:author="J. Officer" w:date="2026-01-10T09:00:00Z"><w:r>'
        "<w:t>(name withheld)</w:t></w:r></w:ins>"
        '<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> was rehoused.</w:t>'
        '</w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
    )
    comment = (
        '<w:comment w:id="0" w:author="J. Officer" w:date="2026-01-10T09:00:00Z">'
        "<w:p><w:r><w:t>Do not publish until legal have seen this.</w:t></w:r></w:p></w:comment>"
    )
    return _docx(changed, comment)


def docx_hidden_text():
    return _docx(f"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>{SECRET}</w:t></w:r></w:p>")


# ----------------------------------------------------------------------------- Excel


def _xlsx(build=None):
    workbook = openpyxl.Workbook()
    workbook.properties.creator = None
    sheet = workbook.active
    sheet.title = "Allocations"
    sheet.append(["Quarter", "Homes allocated"])
    sheet.append(["Q1", 42])
    if build:
        build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def clean_xlsx():
    return _xlsx()


def xlsx_very_hidden_sheet():
    def build(workbook):
        tenants = workbook.create_sheet("Tenants")
        tenants.append(["Name", "Address"])
        tenants.append(["Mrs Agatha Tenant", "4 Acacia Road"])
        tenants.sheet_state = "veryHidden"

    return _xlsx(build)


def xlsx_hidden_rows_columns_and_comment():
    def build(workbook):
        sheet = workbook["Allocations"]
        sheet.append(["Tenant", SECRET])
        sheet.row_dimensions[3].hidden = True
        sheet["D1"] = "Officer note"
        sheet.column_dimensions["D"].hidden = True
        sheet["B2"].comment = openpyxl.comments.Comment(
            "Figure from the tenants list", "J. Officer"
        )
        workbook.create_sheet("Working").sheet_state = "hidden"
        workbook["Working"]["A1"] = "draft"

    return _xlsx(build)


# ------------------------------------------------------------------------ OpenDocument

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)


def _odt(body):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
            f"<office:body><office:text>{body}</office:text></office:body>"
            "</office:document-content>",
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    return out.getvalue()


ODT_BODY = (
    "<text:h>Housing allocations: quarterly report</text:h>"
    "<text:p>The committee is asked to note the allocations made this quarter.</text:p>"
)


def clean_odt():
    return _odt(ODT_BODY)


def odt_tracked_change_and_comment():
    return _odt(
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        "<office:change-info><dc:creator>J. Officer</dc:creator></office:change-info>"
        f"<text:p>{SECRET}</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        + ODT_BODY
        + '<text:p>The tenant <text:change text:change-id="ct1"/>was rehoused.'
        "<office:annotation><dc:creator>J. Officer</dc:creator>"
        "<text:p>Check with legal first.</text:p></office:annotation></text:p>"
    )


def pdf_scanned_pages():
    """Two pages that are only pictures of paper: nothing a screen reader can read."""

    def add(pdf):
        image = pikepdf.Stream(pdf, b"\x80" * 64)
        image.Type, image.Subtype = Name.XObject, Name.Image
        image.Width, image.Height, image.BitsPerComponent = 8, 8, 8
        image.ColorSpace = Name.DeviceGray
        for page in pdf.pages:
            page.Resources.XObject = Dictionary(Scan=image)

    scan = b"q 595 0 0 842 0 0 cm /Scan Do Q\n"
    return _pdf([scan, scan], setup=add)
