"""Benchmark: how long upload checks take on large files; print MB/s and milliseconds.

Usage: .venv/bin/python bench/bench_upload_checks.py [PAGES]
Builds a many-page PDF (make_pdf) padded towards the 50 MB default limit, a large .docx-like
zip and a JPEG-sized blob, and times agenda.publishing.uploads.check_bytes on each. No database."""

import io
import os
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")

import django  # noqa: E402

django.setup()

from agenda.printing.simple_pdf import make_pdf  # noqa: E402
from agenda.publishing.uploads import check_bytes  # noqa: E402

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def big_docx(megabytes):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(
            "[Content_Types].xml", f'<Types><Override ContentType="{DOCX_MAIN}"/></Types>'
        )
        archive.writestr("word/media/image1.jpeg", os.urandom(megabytes * 1024 * 1024))
    return out.getvalue()


def timed(label, data):
    start = time.perf_counter()
    checked = check_bytes(data, "bench.bin")
    elapsed = time.perf_counter() - start
    size_mb = len(data) / 1048576
    print(
        f"{label:<28} {size_mb:7.1f} MB  {elapsed * 1000:8.1f} ms  "
        f"{size_mb / elapsed:8.1f} MB/s  -> {checked.content_type}"
    )


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    pdf = make_pdf("Reports pack", ["A paragraph of a long council report. " * 20] * 4, pages=pages)
    timed(f"PDF, {pages} pages", pdf)
    timed("DOCX with 40 MB image", big_docx(40))
    timed("JPEG 10 MB", b"\xff\xd8\xff\xe0" + os.urandom(10 * 1024 * 1024))


if __name__ == "__main__":
    main()
