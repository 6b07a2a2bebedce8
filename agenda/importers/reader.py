"""Reads the lines of one agenda item (from any page type) into a ParsedItem.

The lines come in page order: agenda text, "Recommended –" lists, contacts, "Decision:"
and "Minutes:" blocks with their RESOLVED lists, ACTION and supporting documents. What the
reader is sure of goes into the item; what it reads without a label (an outcome with no
keyword, numbered "That …" lines whose RESOLVED label was lost) is kept too and reported
as a guess; everything else stays narrative."""

import re

from agenda.importers import outcomes
from agenda.importers.contacts import contact_body, parse_contacts
from agenda.importers.exempt import is_restricted_marker, paragraphs_in
from agenda.importers.numbering import (
    clean_text,
    continues_entry,
    first_upper,
    is_furniture,
    match_heading_full,
    match_label,
    split_inline,
)
from agenda.importers.page import document_link
from agenda.importers.records import DocumentLink, NumberedEntry, ParsedItem

_SCRUTINY = re.compile(r"^overview\s*(?:&|and)\s*scrutiny\s*area\s*:?\s*(?P<name>.*)$", re.I)
_ACTION = re.compile(r"^action(?:\s+by)?\s*:\s*(?P<owner>\S.*)$", re.I)
_PHASE = re.compile(
    r"^(?P<draft>draft\s+)?(?P<which>minutes|decisions?)\s*(?:\((?:draft|exempt)\))?"
    r"\s*(?::\s*(?P<rest>.*)|$)",
    re.I,
)
_DOCUMENTS = re.compile(
    r"^(?:supporting|additional|accompanying|background)\s+(?:documents|papers)\s*:?\s*$", re.I
)
_REPORT = re.compile(r"Document\s*[“”\"'‘’]\s*(?P<ref>[A-Z0-9]{1,6})\s*[“”\"'‘’]")
_MEETING = re.compile(
    r"^meeting\s*:\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*[–—-]\s*(?P<committee>.+?)"
    r"(?:\s*\(item\s*(?P<number>[\w./]+?)\.?\))?\s*$",
    re.I,
)
MAX_NARRATIVE = 20


class ItemReader:
    """Feed lines in order with `feed`; call `finish` once at the end."""

    def __init__(self, title="", number="", *, titled=False):
        self.item = ParsedItem(title=title, number=number)
        self.titled = titled or bool(title)  # else the first plain line is the title
        self.phase = "agenda"  # "agenda", then "decision" and/or "minutes"
        self.list = None  # the list being filled, if any
        self.opened = False  # a heading was just seen: the next line is its first entry
        self.in_documents = False
        self.minutes_draft = False
        self.meeting = None
        self.saw_marker = False
        self.saw_minutes = self.saw_decision = False
        self.decision_entries = []
        self.decision_paragraphs = []

    @property
    def report(self):
        return self.item.report

    # -- lines -------------------------------------------------------------------------
    def feed(self, line):
        line = clean_text(line)
        if not line or is_furniture(line):
            return
        if not self.titled:
            # Before the title: skip the page furniture; the first plain line is the title.
            if not self.structural(line):
                self.item.title = line
                self.titled = True
            return
        if not self.structural(line):
            self._content(line)

    def structural(self, line):
        """Handle a heading or labelled line; True if `line` was one."""
        if found := _MEETING.match(line):
            self.meeting = found
        elif found := _PHASE.match(line):
            self._start_phase(found)
            return True
        elif found := match_heading_full(line):
            self._open_list(found)
            return True
        elif found := _SCRUTINY.match(line):
            self.item.scrutiny_area = found["name"].strip() or self.item.scrutiny_area
        elif found := _ACTION.match(line):
            self.item.action_owner = found["owner"].strip()
        elif (body := contact_body(line)) is not None:
            self._contacts(body)
        elif _DOCUMENTS.match(line):
            self.in_documents = True
        elif is_restricted_marker(line):
            self.item.is_restricted = True
            self.item.restricted_reason = self.item.restricted_reason or line
            if paragraphs := paragraphs_in(line):
                self.item.restricted_paragraph = paragraphs[0]
        else:
            return False
        self.saw_marker = True
        self.list = None
        self.opened = False
        return True

    def _start_phase(self, found):
        self.phase = "decision" if found["which"].lower().startswith("decision") else "minutes"
        self.saw_minutes = self.saw_minutes or self.phase == "minutes"
        self.saw_decision = self.saw_decision or self.phase == "decision"
        self.minutes_draft = self.minutes_draft or bool(found["draft"])
        self.in_documents = False
        self.list = None
        self.opened = False
        self.saw_marker = True
        if rest := (found["rest"] or "").strip():
            self.feed(rest)

    def _open_list(self, found):
        self.saw_marker = True
        self.in_documents = False
        if found["kind"] == "recommendations" and self.phase == "agenda":
            self.list = self.item.recommendations
        elif found["kind"] == "recommendations":
            # In the minutes, "RECOMMENDED (TO COUNCIL)" is what the committee decided: to
            # recommend. It is its resolution; the report says so.
            self.list = self.decision_entries if self.phase == "decision" else self.item.resolutions
            whom = found["to"].lower() or "onward"
            self.report.recognise(f"recommendations {whom} kept as the committee's resolutions")
        elif self.phase == "decision":
            self.list = self.decision_entries
        else:
            self.list = self.item.resolutions
            if self.phase == "agenda" and not self.item.minutes_paragraphs:
                self.phase = "minutes"  # a RESOLVED on an item page with no "Minutes:" label
        if found["paren"]:
            self.report.recognise(f"vote or manner recorded: ({found['paren']})")
        if found["word"] in {"agreed", "decided"} and not found["rest"] and not found["dash"]:
            # "AGREED" on a line of its own: the outcome of what was just proposed.
            outcomes.agreed_alone(self)
            self.list = None
            return
        self.opened = True
        if found["rest"]:
            self._list_line(found["rest"])

    def _contacts(self, body):
        for contact in parse_contacts(body):
            if all(contact.name != known.name for known in self.item.contacts):
                self.item.contacts.append(contact)
                if contact.guessed:
                    self.report.guess(
                        f"contact “{contact.as_printed}”: name read as “{contact.name}”, "
                        f"job title “{contact.job_title}”"
                    )

    def _content(self, line):
        if self.in_documents:
            self.item.documents.append(DocumentLink(title=line))
            return
        if self.list is not None and self._list_line(line):
            return
        self.list = None
        outcomes.note_motion(line, self.report)
        if self.phase == "agenda":
            self.item.agenda_paragraphs.append(line)
            if not self.item.report_reference and (found := _REPORT.search(line)):
                self.item.report_reference = f'Document "{found["ref"]}"'
        elif self.phase == "decision":
            self.decision_paragraphs.append(line)
        else:
            self.item.minutes_paragraphs.append(line)

    def _list_line(self, line):
        """Add a line to the current list; False if it is not part of it."""
        first, self.opened = self.opened, False
        if inline := split_inline(line):
            self.list.extend(NumberedEntry(label, text) for label, text in inline)
            return True
        if labelled := match_label(line):
            self.list.append(NumberedEntry(*labelled))
            return True
        if first:
            # "Resolved – That the report be noted." : one unnumbered entry.
            self.list.append(NumberedEntry("", first_upper(line)))
            return True
        if self.list and continues_entry(self.list[-1].text, line):
            self.list[-1].text = f"{self.list[-1].text} {line}"
            return True
        if self.list and self.list[-1].text.rstrip().endswith(":") and not self.list[-1].label:
            # "That Cabinet:" followed by a plain line: the lead-in's own entry goes on.
            self.list.append(NumberedEntry("", line))
            return True
        return False

    # -- the end -----------------------------------------------------------------------
    @property
    def decisions_only(self):
        """Decisions published, minutes not yet ("Agenda and decisions")."""
        return self.saw_decision and not self.saw_minutes

    def finish(self):
        """Settle what needs the whole item: Decision/Minutes copies, outcomes without a
        keyword, lost labels; then write the report."""
        outcomes.settle(self)
        self._write_report()
        return self.item

    def _write_report(self):
        item, report = self.item, self.report
        for kind, rows in (
            ("recommendation", item.recommendations),
            ("resolution", item.resolutions),
        ):
            if rows:
                labels = ", ".join(row.label or "(unnumbered)" for row in rows)
                report.recognise(f"{len(rows)} {kind}(s): {labels}")
        if item.contacts:
            report.recognise("contact: " + "; ".join(c.name for c in item.contacts))
        if item.scrutiny_area:
            report.recognise(f"overview & scrutiny area: {item.scrutiny_area}")
        if item.action_owner:
            report.recognise(f"action: {item.action_owner}")
        if item.documents:
            report.recognise(f"{len(item.documents)} document(s)")
        narrative = [*item.agenda_paragraphs, *item.minutes_paragraphs]
        report.narrative = [_short(text) for text in narrative[:MAX_NARRATIVE]]
        if len(narrative) > MAX_NARRATIVE:
            report.narrative.append(f"… and {len(narrative) - MAX_NARRATIVE} more paragraph(s)")


def _short(text, length=100):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def read_lines(reader, page, lines=None):
    """Run the item reader over page lines, taking document links where listed. In a
    saved page only links are documents ("PDF 210 KB" is not) and only a heading ends the
    list; in copied text every line under "Supporting documents:" is a document title."""
    linked = page.markup != "text"
    for line in page.lines if lines is None else lines:
        if reader.in_documents and linked:
            for text, href in line.links:
                link = document_link(text, href, page.url)
                if link.title:
                    reader.item.documents.append(link)
            if not line.links:
                reader.structural(clean_text(line.text))
        else:
            reader.feed(line.text)
    return reader
