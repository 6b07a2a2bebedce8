"""Import from ModernGov: parsers turn sources into plain records (no ORM), `load` saves them.

Parsers: `text` (copied plain text), `html` (saved mgAi.aspx / ieListDocuments.aspx pages),
`xml` (mgWebService.asmx responses). `numbering` holds the shared clean-up and list rules.
"""

from agenda.importers.records import SourceError

__all__ = ["SourceError"]
