"""Printed documents: agenda frontsheet, public reports pack and printed minutes.

Rendered with WeasyPrint from templates/agenda/pdf/ and static/css/print.css when the agenda
or minutes are published (`publish.generate_meeting_pdfs`), stored as Documents and streamed
from there; the editor can preview them on the fly.
"""
