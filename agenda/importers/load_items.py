"""Saving a meeting's items: their text, numbered recommendations and resolutions,
actions, documents and topic. Each item is found again by its source id (or, for copied
text, by committee, date and title), so a second import updates rather than duplicates."""

import hashlib
import re
from collections import Counter

from django.utils.html import escape

from agenda.importers.load_text import paragraphs_html
from agenda.importers.records import SourceError
from agenda.models import (
    Action,
    AdditionalContact,
    AgendaItem,
    Document,
    Recommendation,
    Resolution,
    Topic,
)
from agenda.models.items import EXEMPT_PARAGRAPH_NUMBERS
from committees.richtext import sanitise_html

# Used when a restricted item's source gives no Schedule 12A paragraph: the database needs
# one, so the import says 1 and flags the item for the clerk to correct.
FALLBACK_EXEMPT_PARAGRAPH = 1
ITEM_KINDS = {kind.value for kind in AgendaItem.Kind}
DOCUMENT_KINDS = [
    ("printed minutes", Document.Kind.MINUTES),
    ("printed decisions", Document.Kind.DECISIONS),
    ("frontsheet", Document.Kind.AGENDA_FRONTSHEET),
    ("reports pack", Document.Kind.AGENDA_PACK),
    ("supplement", Document.Kind.SUPPLEMENT),
    ("appendix", Document.Kind.APPENDIX),
    ("background", Document.Kind.BACKGROUND_PAPER),
]


class ItemsLoader:
    """Mixed into the loader: needs `_sync`, `note`, `report` and the people loader."""

    def _item_ext(self, committee, day, parsed):
        if parsed.external_id:
            return f"mg-{parsed.external_id}"[:100]
        key = f"{committee.name.lower()}|{day.isoformat()}|{parsed.title.lower()}"
        if parsed.title.lower() in getattr(self, "repeated_titles", ()):
            key += f"|{parsed.number.lower()}"  # two items of one title: told apart by number
        return "mg-text-" + hashlib.sha256(key.encode()).hexdigest()[:32]

    @staticmethod
    def _document_ext(item_ext, link):
        if link.external_id:
            return f"mg-{link.external_id}"[:100]
        key = f"{item_ext}|{link.url or link.title}"
        return "mg-link-" + hashlib.sha256(key.encode()).hexdigest()[:32]

    def _prefetch(self, meeting, committee, day, parsed_items):
        """Load what this meeting's items already have in a few queries, not per item."""
        titles = Counter(parsed.title.lower() for parsed in parsed_items)
        self.repeated_titles = {title for title, n in titles.items() if n > 1}
        exts = {self._item_ext(committee, day, parsed): parsed for parsed in parsed_items}
        self.items = {
            item.external_id: item
            for item in AgendaItem.objects.filter(external_id__in=exts).select_related("meeting")
        }
        self.rows = {Recommendation: {}, Resolution: {}}
        for model, rows in self.rows.items():
            for row in model.objects.filter(item__in=self.items.values()):
                rows.setdefault(row.item_id, {})[row.position] = row
        self.extra_contacts = {}
        for row in AdditionalContact.objects.filter(item__in=self.items.values()):
            self.extra_contacts.setdefault(row.item_id, {})[row.person_id] = row
        self.actions = set(
            Action.objects.filter(item__in=self.items.values()).values_list("item_id", "owner")
        )
        doc_exts = [
            self._document_ext(ext, link)
            for ext, parsed in exts.items()
            for link in parsed.documents
        ]
        self.documents = {
            d.external_id: d for d in Document.objects.filter(external_id__in=doc_exts)
        }
        self.next_position = meeting.next_item_position()
        self._prefetch_contacts([c for parsed in parsed_items for c in parsed.contacts])

    def _item(self, meeting, committee, day, parsed):
        ext = self._item_ext(committee, day, parsed)
        item = self.items.get(ext)
        if item is not None and item.meeting_id != meeting.pk:
            raise SourceError(
                f"Item “{parsed.title[:80]}” was imported before into another meeting "
                f"({item.meeting}); it is not moved."
            )
        values = {
            "title": parsed.title[:300],
            "agenda_text": paragraphs_html(parsed.agenda_paragraphs),
            "report_reference": parsed.report_reference[:100],
            "minutes_text": paragraphs_html(parsed.minutes_paragraphs),
            "action_owner": parsed.action_owner[:200],
            "scrutiny_area_id": getattr(self._scrutiny_area(parsed.scrutiny_area), "pk", None),
            "contact_officer_id": getattr(self._contact(parsed.contact), "pk", None),
            "is_exempt": parsed.is_restricted,
            "exempt_paragraph": None,
            "kind": parsed.kind if parsed.kind in ITEM_KINDS else AgendaItem.Kind.BUSINESS,
            "topic_id": getattr(self._topic(parsed), "pk", None),
        }
        if parsed.number:
            values["number"] = parsed.number[:12]
        if parsed.is_restricted:
            paragraph = parsed.restricted_paragraph
            if paragraph not in EXEMPT_PARAGRAPH_NUMBERS:
                paragraph = FALLBACK_EXEMPT_PARAGRAPH
                self.note(
                    f"check: item “{parsed.title[:80]}” is restricted but the source gives no "
                    f"valid Schedule 12A paragraph; set to {paragraph} as a placeholder."
                )
            values["exempt_paragraph"] = paragraph
        if item is None:
            item = AgendaItem(meeting=meeting, external_id=ext, position=self.next_position)
            self.next_position += 1
        # A new item waits for the meeting's one insert of new items (load._save_new).
        item = self._sync("agenda item", item, values, item.pk is None, later=True)
        self.items[ext] = item
        return item

    def _item_parts(self, item, parsed):
        """What hangs off a saved item: further contacts, recommendations, resolutions and
        its action (new rows wait for one insert per model)."""
        self._further_contacts(parsed.contacts, item=item)
        self._rows(item, Recommendation, "recommendation", parsed.recommendations)
        self._rows(item, Resolution, "resolution", parsed.resolutions)
        self._motions(item.meeting, item, parsed)
        if parsed.action_owner:
            owner = parsed.action_owner[:200]
            if (item.pk, owner) in self.actions:
                self.report.unchanged["action"] += 1
            else:
                self._sync("action", Action(item=item, owner=owner), {}, True, later=True)
                self.actions.add((item.pk, owner))

    def _rows(self, item, model, kind, entries):
        existing = self.rows[model].pop(item.pk, {})
        kept = {}
        for position, entry in enumerate(entries, start=1):
            values = {
                "label": entry.label[:12],
                "text": sanitise_html(f"<p>{escape(entry.text)}</p>"),
            }
            row = existing.pop(position, None)
            if row is None:
                # Waits for one insert per model for the whole meeting (load._save_new).
                row = model(item=item, position=position)
                kept[position] = self._sync(kind, row, values, True, later=True)
            else:
                kept[position] = self._sync(kind, row, values)
        self.rows[model][item.pk] = kept  # the same item twice in one file updates, too
        if existing:
            for row in existing.values():
                if self.waiting.pop(id(row), None) is not None:  # never inserted
                    self.new_rows[model].remove(row)
            model.objects.filter(pk__in=[row.pk for row in existing.values() if row.pk]).delete()
            self.note(f"removed {len(existing)} {kind}(s) no longer in the source")

    def _documents(self, meeting, item, links):
        """Documents of an item, or of the meeting itself when `item` is None (new ones
        wait for one insert: load._save_new)."""
        documents = []
        owner = item.external_id if item else (meeting.external_id or f"meeting-{meeting.pk}")
        for position, link in enumerate(links, start=1):
            ext = self._document_ext(owner, link)
            url = link.url if link.url.startswith(("http://", "https://")) else ""
            document = self.documents.get(ext)
            if document is None and item is None:  # meeting documents are not prefetched
                document = Document.objects.filter(external_id=ext).first()
            values = {
                "title": link.title[:300],
                "source_url": url[:500],
                "position": position,
                "is_exempt": bool(item and item.is_exempt),
                "item_id": item.pk if item else None,
            }
            if item is None:
                lowered = link.title.lower()
                kind = next((k for word, k in DOCUMENT_KINDS if word in lowered), None)
                values["kind"] = kind or Document.Kind.OTHER
            new = document is None
            document = document or Document(meeting=meeting, external_id=ext)
            self.documents[ext] = self._sync("document", document, values, new, later=True)
            documents.append(document)
        return documents

    def _topic(self, parsed):
        """The issue an issue page follows, as the items' topic."""
        name = parsed.topic.strip()[:200]
        if not name:
            return None
        topic = Topic.objects.filter(name__iexact=name).first()
        if topic is None:
            topic = Topic.objects.create(name=name)
            self.report.created["topic"] += 1
        if found := re.fullmatch(r"issue-(\d+)", parsed.topic_external_id):
            self._address("topic", found[1], "", topic=topic)
        return topic
