"""A tiny PDF writer for demo and test reports: plain text pages in Helvetica.

Real reports arrive as uploads; the demo council and the tests need small, valid,
text-bearing PDFs without a rendering engine, so this writes the PDF structure directly.
"""


def _escape(text):
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(line, width=90):
    words, current, out = line.split(), "", []
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    return out


def make_pdf(title, paragraphs=(), pages=1):
    """Return the bytes of an A4 PDF: `title` on each page, then the wrapped paragraphs."""
    body_lines = [wrapped for para in paragraphs for wrapped in [*_wrap(para), ""]]
    objects = []

    def add(obj):
        objects.append(obj)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info = add(f"<< /Title ({_escape(title)}) /Producer (Minutebook) >>".encode("latin-1"))
    page_ids = []
    for number in range(1, pages + 1):
        lines = [f"BT /F1 16 Tf 56 780 Td ({_escape(title)}) Tj ET"]
        y = 750
        for text in body_lines[:50] if number == 1 else [f"Page {number} of {pages}"]:
            lines.append(f"BT /F1 10 Tf 56 {y} Td ({_escape(text)}) Tj ET")
            y -= 14
        lines.append(f"BT /F1 9 Tf 280 30 Td (Page {number}) Tj ET")
        stream = "\n".join(lines).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for index, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % index + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)
