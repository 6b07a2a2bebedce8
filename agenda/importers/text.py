"""Plain text copied from a ModernGov page (an item, a meeting, a decision, an issue, a
committee) or taken from a printed-minutes PDF: decoded, then read as the page model."""

from agenda.importers.contacts import parse_contacts
from agenda.importers.page import text_page
from agenda.importers.pages import parse_page
from agenda.importers.records import ContactOfficer, SourceError


def decode_bytes(data, encoding=None):
    """Bytes to text, refusing what would come out garbled."""
    if not data or not data.strip(b" \t\r\n\x00"):
        raise SourceError("The file is empty.")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise SourceError(
            "The file contains NUL bytes: it looks like UTF-16 without a byte-order mark, "
            "or is not a text file. Save it as UTF-8 and try again."
        )
    encoding = encoding or "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SourceError(
            f"The file is not valid {encoding.upper()} text (bad byte at position "
            f"{error.start}). Save it as UTF-8 and try again."
        ) from None
    except LookupError:
        raise SourceError(f"The file declares an unknown encoding ({encoding}).") from None


def split_contact(who, phone):
    """'Darren Minton Manager' -> name 'Darren Minton', job title 'Manager'."""
    found = parse_contacts(f"{who} – {phone}")
    return found[0] if found else ContactOfficer(name=who, phone=phone, as_printed=who)


def parse_text(data, *, url=""):
    page = text_page(decode_bytes(data))
    page.url = url
    return parse_page(page)
