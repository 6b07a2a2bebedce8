"""Benchmark: the hidden-content scan and accessibility checks of a 200-page report.

Usage: .venv/bin/python bench/bench_scan.py [PAGES]
Builds two 200-page reports and times agenda.scanning.scan.scan_bytes on each (best of 3):
- a tagged report rendered by WeasyPrint (headings, paragraphs, a shaded table and a
  figure with alternative text on every page: the structure tree has thousands of
  elements), the way Minutebook's own and LibreOffice-converted PDFs are;
- an untagged "Word-like" report written directly, with 45 lines of text, table shading
  and a picture per page, one failed redaction on the last page, and an earlier revision
  (saved with changes added on), so every part of the scanner has work to do.
The target is under 5 s for each. No database."""

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")

import django  # noqa: E402

django.setup()

import pikepdf  # noqa: E402
from pikepdf import Dictionary, Name  # noqa: E402
from pypdf import PdfWriter  # noqa: E402
from pypdf.generic import DecodedStreamObject, NameObject  # noqa: E402

from agenda.printing.render import render_html  # noqa: E402
from agenda.scanning.scan import scan_bytes  # noqa: E402

TARGET_SECONDS = 5.0
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAA"
    "YAAjCB0C8AAAAASUVORK5CYII="
)
PARAGRAPH = (
    "The Director of Housing will submit a report on allocations made in the quarter, "
    "the demand for family homes in each ward, and the progress of the new-build programme "
    "against the targets agreed by the Executive in March. "
)


def tagged_report(pages):
    sections = []
    for page in range(1, pages + 1):
        rows = "".join(
            f"<tr><td>Ward {n}</td><td>{n * 7}</td><td>{n * 3}</td></tr>" for n in range(1, 7)
        )
        sections.append(
            f"<section><h2>Section {page}</h2><p>{PARAGRAPH * 3}</p>"
            f'<img src="{PIXEL}" alt="Chart of allocations in section {page}" width="120">'
            f'<table><thead><tr><th scope="col">Ward</th><th scope="col">Homes</th>'
            f'<th scope="col">Waiting</th></tr></thead><tbody>{rows}</tbody></table>'
            f"<p>{PARAGRAPH * 2}</p></section>"
        )
    html = (
        '<html lang="en-GB"><head><title>Housing allocations: annual report</title><style>'
        "section{page-break-after:always} td,th{border:1px solid #333;padding:2px}"
        "thead{background:#ddd}</style></head><body><h1>Housing allocations</h1>"
        + "".join(sections)
        + "</body></html>"
    )
    return render_html(html).content


def word_like_report(pages):
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    image = pikepdf.Stream(pdf, bytes(range(256)) * 4)
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 32, 32
    image.BitsPerComponent, image.ColorSpace = 8, Name.DeviceGray
    for number in range(1, pages + 1):
        ops = [b"0.9 g 60 600 470 80 re f 0 g"]  # table shading, drawn first as Word does
        for line in range(45):
            y = 780 - line * 16
            text = f"Line {line} of page {number}: {PARAGRAPH[:70]}"
            ops.append(f"BT /F1 10 Tf 60 {y} Td ({text}) Tj ET".encode())
        ops.append(b"q 100 0 0 60 420 40 cm /Im1 Do Q")
        if number == pages:
            ops.append(b"0 g 56 296 380 14 re f")  # a "redaction" over a line of text
        page = pdf.add_blank_page(page_size=(595, 842))
        page.Resources = Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Im1=image))
        page.Contents = pdf.make_stream(b"\n".join(ops))
    pdf.docinfo["/Title"] = "Housing allocations: annual report"
    first = io.BytesIO()
    pdf.save(first)
    writer = PdfWriter(io.BytesIO(first.getvalue()), incremental=True)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 10 Tf 60 780 Td (Corrected first line) Tj ET")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def timed(label, data, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = scan_bytes(data, "application/pdf")
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    verdict = "OK" if best < TARGET_SECONDS else "TOO SLOW"
    print(
        f"{label}: {report.pages} pages, {len(data) / 1048576:.1f} MB; scan best {best:.2f} s, "
        f"median {median:.2f} s ({report.pages / best:.0f} pages/s) [{verdict}: target "
        f"< {TARGET_SECONDS:.0f} s]"
    )
    print(f"  findings: {[(f.code, f.where) for f in report.findings]}")
    print(f"  accessibility: {report.accessibility}")
    return best


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    start = time.perf_counter()
    tagged = tagged_report(pages)
    print(f"(rendering the tagged report took {time.perf_counter() - start:.1f} s; not timed)")
    word_like = word_like_report(pages)
    slowest = max(
        timed("tagged report (WeasyPrint)", tagged),
        timed("untagged Word-like report with a leak and a revision", word_like),
    )
    sys.exit(0 if slowest < TARGET_SECONDS else 1)


if __name__ == "__main__":
    main()
