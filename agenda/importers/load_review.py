"""What an import leaves for the clerk and for old links: the review note of each item or
decision (recognised, guessed, left as narrative) and the record's old ModernGov address."""

import re

from agenda.importers.page import page_name
from agenda.models import ImportReview, SourceAddress

# The old page and query parameter for each kind of source id the parsers give.
ADDRESS_FORMS = {
    "item": ("mgai", "id", "mgAi.aspx?ID={}"),
    "meeting": ("ielistdocuments", "mid", "ieListDocuments.aspx?MId={}"),
    "committee": ("mgcommitteedetails", "id", "mgCommitteeDetails.aspx?ID={}"),
    "decision": ("iedecisiondetails", "id", "ieDecisionDetails.aspx?ID={}"),
    "decision-ai": ("iedecisiondetails", "aiid", "ieDecisionDetails.aspx?AIId={}"),
    "topic": ("ieissuedetails", "iid", "ieIssueDetails.aspx?IId={}"),
}


class ReviewLoader:
    """Mixed into the loader: needs `_sync` and `report`. A meeting's review notes and old
    addresses are read in one query each and new ones written in one insert each."""

    def _review(self, report, source_url="", **subject):
        known = getattr(self, "known_reviews", None)
        if known is not None and "item" in subject:
            existing = known.get(subject["item"].pk)
        else:
            existing = ImportReview.objects.filter(**subject).first()
        values = {
            "source_name": self.report.name[:300],
            "source_url": (source_url or "")[:500],
            "confidence": ImportReview.Confidence.UNSURE
            if report.uncertain
            else ImportReview.Confidence.SURE,
            "recognised": report.recognised,
            "guessed": report.guessed,
            "narrative": report.narrative,
            "motion": report.motion,
        }
        if report.uncertain:
            self.report.uncertain += 1
        if existing is None and known is not None:
            self.new_reviews.append(ImportReview(**subject, **values))
            return
        checked = existing is not None and existing.status == ImportReview.Status.REVIEWED
        if checked and any(getattr(existing, k) != values[k] for k in ("guessed", "recognised")):
            # The source changed since the clerk checked it: it needs checking again.
            values.update(status=ImportReview.Status.OPEN, reviewed_at=None, reviewed_by=None)
        self._sync("import review", existing or ImportReview(**subject), values, existing is None)

    def _address(self, form, value, url="", **target):
        """Keep the old address `form` (see ADDRESS_FORMS) with id `value` for `target`."""
        if not value:
            return
        page, param, pattern = ADDRESS_FORMS[form]
        if url and page_name(url) in {"mgdecisiondetails", "iedecisiondetails"}:
            page = page_name(url)
        key = f"{param}:{value}"[:60]
        known = getattr(self, "known_addresses", None)
        if known is not None and (page, key) in known:
            row = known[(page, key)]
        else:
            row = SourceAddress.objects.filter(page=page, key=key).first()
        values = {f"{name}_id": None for name in SourceAddress.TARGETS}
        values.update({f"{name}_id": obj.pk for name, obj in target.items()})
        # A full address seen on the page itself wins over one rebuilt from an id.
        values["url"] = (url or (row.url if row else "") or pattern.format(value))[:500]
        row = self._sync(
            "old address", row or SourceAddress(page=page, key=key), values, row is None
        )
        if known is not None:
            known[(page, key)] = row

    def _meeting_record(self, meeting, committee, parsed, loaded):
        """What a migration keeps beyond the minutes: further contacts, declarations,
        each item's review note and every record's old address."""
        self._further_contacts(parsed.contacts, meeting=meeting)
        by_number = {item.number.lower().rstrip("."): item for _p, item in loaded if item.number}
        self._declarations(meeting, loaded, by_number)
        self._address("meeting", parsed.external_id, parsed.source_url, meeting=meeting)
        self._address("committee", parsed.committee_external_id, "", committee=committee)
        items = [item for _p, item in loaded]
        self.known_reviews = {r.item_id: r for r in ImportReview.objects.filter(item__in=items)}
        item_ids = {
            index: found[1]
            for index, (parsed_item, _item) in enumerate(loaded)
            if (found := re.fullmatch(r"item-(\d+)", parsed_item.external_id))
        }
        keys = [f"id:{value}" for value in item_ids.values()]
        self.known_addresses = {
            (a.page, a.key): a for a in SourceAddress.objects.filter(page="mgai", key__in=keys)
        }
        self.new_reviews = []
        try:
            for index, (parsed_item, item) in enumerate(loaded):
                self._review(parsed_item.report, parsed_item.source_url, item=item)
                if index in item_ids:
                    self._address("item", item_ids[index], parsed_item.source_url, item=item)
                label = f"item {item.number} “{item.title[:60]}”"
                self.report.item_reports.append((label, parsed_item.report))
            if self.new_reviews:
                ImportReview.objects.bulk_create(self.new_reviews)
                self.report.created["import review"] += len(self.new_reviews)
        finally:
            self.known_reviews = self.known_addresses = None
