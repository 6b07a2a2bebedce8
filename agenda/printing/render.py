"""HTML template to tagged PDF/UA-1 bytes, through the safe fetcher. Every render in the
project goes through `render_pdf`, which is what the tests count."""

from dataclasses import dataclass, field

import pydyf
import weasyprint
from django.template.loader import render_to_string
from weasyprint import HTML

from agenda.printing.fetcher import BASE_URL, SafeURLFetcher

PDF_VARIANT = "pdf/ua-1"
PRODUCER = "Minutebook"


@dataclass
class RenderedPdf:
    """The bytes of one rendered PDF, how many pages it has and what it tried to fetch."""

    content: bytes
    page_count: int
    refused: list = field(default_factory=list)


def _finish(document, pdf):
    """Name our software as Producer in both the info dictionary and the XMP packet (which
    must agree), and leave the XMP uncompressed so archivists can read it."""
    pdf.info["Producer"] = pydyf.String(PRODUCER)
    weasyprint_producer = f'pdf:Producer="WeasyPrint {weasyprint.__version__}"'.encode()
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.extra.get("Type") == "/Metadata":
            obj.stream = [
                part.replace(weasyprint_producer, f'pdf:Producer="{PRODUCER}"'.encode())
                for part in obj.stream
            ]
            obj.compress = False


def render_pdf(template_name, context):
    """Render `template_name` to a tagged PDF. Resources come only via SafeURLFetcher."""
    html = render_to_string(template_name, context)
    return render_html(html)


def render_html(html):
    fetcher = SafeURLFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT
    )
    content = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=_finish)
    return RenderedPdf(content=content, page_count=len(document.pages), refused=fetcher.refused)
