"""Inlines shared by the meeting and item pages of the editor."""

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.db.models import F
from django.utils.html import format_html_join

from agenda.admin.builder import move_button
from agenda.admin.forms import DocumentForm, document_on_site
from agenda.admin.labels import LabelledFormSet, NamedSplitInputsMixin
from agenda.admin.record import RecordFormSet, VisibilityFormMixin
from agenda.admin.rows import VersionedRowForm, VersionedRowsFormSet, VersionedRowsMixin
from agenda.admin.scanning import findings_summary
from agenda.models import (
    Action,
    AgendaItem,
    Attendance,
    Declaration,
    Document,
    Meeting,
    Recommendation,
    Resolution,
)
from agenda.models.numbering import write_order


def minutes_locked(parent):
    """Whether the page's meeting (or the item's) has approved minutes, as stored."""
    meeting = parent if isinstance(parent, Meeting) else getattr(parent, "meeting", None)
    return bool(meeting is not None and meeting.pk and meeting.minutes_locked)


# Rows are moved out of the way by this much while a reorder is saved, so swapping two
# positions never trips the unique constraint half-way.
REORDER_OFFSET = 1_000_000


class EditorFormSet(RecordFormSet, VersionedRowsFormSet, LabelledFormSet):
    """Rows that cannot lose an update, each input named; refused deletes explained."""


class EditorInline(VersionedRowsMixin, NamedSplitInputsMixin, admin.TabularInline):
    """A table of rows on an editor page: each row versioned, each input named."""

    form = VersionedRowForm
    formset = EditorFormSet


class RecordInline(EditorInline):
    """Rows of the minuted record: read-only once the minutes are approved (the model
    refuses anyway: agenda.models.locks); refused deletes are explained."""

    def has_add_permission(self, request, obj=None):
        return not minutes_locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not minutes_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not minutes_locked(obj) and super().has_delete_permission(request, obj)


class ReorderableFormSet(EditorFormSet):
    """An inline formset whose `position` values may be swapped or shuffled in one save."""

    def clean(self):
        """Say in the clerk's words which numbers clash, before Django's generic message."""
        seen, clashes = set(), set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            position = data.get("position")
            if position is None or self._should_delete_form(form):
                continue
            (clashes if position in seen else seen).add(position)
        if clashes:
            numbers = ", ".join(str(n) for n in sorted(clashes))
            label = self.model._meta.get_field("position").verbose_name
            raise forms.ValidationError(
                f"Two rows have the same {label} ({numbers}). Give each row its own "
                f"{label}; nothing has been saved yet."
            )
        super().clean()

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        moved = [
            form.instance.pk
            for form in self.initial_forms
            # has_changed(): a view-only row (approved minutes) reports no change at all.
            if form.has_changed()
            and "position" in form.changed_data
            and not self._should_delete_form(form)
        ]
        if moved:
            self.model._default_manager.filter(pk__in=moved).update(
                position=F("position") + REORDER_OFFSET
            )
        return super().save(commit=commit)


class PositionExemptForm(VersionedRowForm):
    """Checks `position` uniqueness within the submitted rows only (the formset does
    that), not against rows that this same save is about to move."""

    def validate_unique(self):
        exclude = self._get_validation_exclusions()
        exclude.add("position")
        try:
            self.instance.validate_unique(exclude=exclude)
            self.instance.validate_constraints(exclude=exclude)
        except forms.ValidationError as error:
            self._add_new_errors(error)

    def _add_new_errors(self, error):
        """Constraints not involving the parent were already checked by full_clean():
        report each message once."""
        for name, messages in error.message_dict.items():
            field = name if name in self.fields else None
            shown = self._errors.get(field or NON_FIELD_ERRORS, [])
            for message in messages:
                if message not in shown:
                    self.add_error(field, message)


class AgendaItemFormSet(ReorderableFormSet):
    """The meeting page's items. On a draft agenda, moving, adding or removing an item
    renumbers them all (numbers follow positions). On a published agenda the items keep
    their order and numbers unless the clerk writes a notice of renumbering: the new order
    is then applied by the `renumber_items` step, which publishes that notice."""

    NOTICE_FIELD = "renumber_notice"

    def notice(self):
        return (self.data.get(self.NOTICE_FIELD) or "").strip()

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # With a notice the rows' new order is allowed through validation; `save` keeps
        # published rows in place and hands the order to the renumbering step.
        form.instance._renumbering = bool(self.notice())
        return form

    def _published_moves(self):
        if not self.instance.pk or not self.instance.agenda_is_public:
            return []
        return [
            form
            for form in self.initial_forms
            if form.instance.published_at is not None
            and not self._should_delete_form(form)
            and {"position", "number"} & set(form.changed_data)
        ]

    def clean(self):
        super().clean()
        if self._published_moves() and not self.notice():
            raise forms.ValidationError(
                "The agenda is published, so its items keep their order and numbers. To "
                "reorder or renumber them, write a notice of the change under “Changes after "
                "publication” and save again: the notice is published with the new numbers."
            )

    def save(self, commit=True):
        self.requested_order = None
        if not commit:
            return super().save(commit=False)
        moves = self._published_moves()
        rows = [
            (form.cleaned_data.get("position") or 0, n, form)
            for n, form in enumerate(self.forms)
            if form.has_changed() or form in self.initial_forms
            if not self._should_delete_form(form) and getattr(form, "cleaned_data", None)
        ]
        if moves:
            # Published rows stay as they are; the step moves them, with the notice.
            for form in moves:
                form.instance.position = form.initial["position"]
                form.instance.number = form.initial["number"]
                for name in ("position", "number"):
                    if name in form.changed_data:
                        form.changed_data.remove(name)
            # The other rows wait out of the way until the step gives every row its place.
            for n, (_p, _n, form) in enumerate(rows, start=1):
                if form not in moves and (
                    form.instance.pk is None or "position" in form.changed_data
                ):
                    form.instance.position = 3 * REORDER_OFFSET + n
        reordered = bool(self.deleted_forms) or any(
            form.instance.pk is None or "position" in form.changed_data for _p, _n, form in rows
        )
        saved = super().save(commit=commit)
        for form in self.forms:
            form.instance._renumbering = False
        order = [form.instance.pk for _p, _n, form in sorted(rows, key=lambda row: row[:2])]
        if moves:
            self.requested_order = order
        elif reordered and not self.instance.agenda_is_public:
            items = {item.pk: item for item in self.instance.items.order_by("position")}
            listed = [items.pop(pk) for pk in order if pk in items]
            write_order([*listed, *items.values()])
        return saved


class ItemRowForm(VisibilityFormMixin, PositionExemptForm):
    """An item row on the meeting page: "exempt" on a published item runs the step."""


class AgendaItemInline(RecordInline):
    """The meeting page's items. On a draft agenda each row has "Up" and "Down" buttons
    (plain submits of the page: agenda.admin.builder), which static/agenda/js/
    agenda-builder.js turns into moves in place, with drag and drop."""

    model = AgendaItem
    fk_name = "meeting"
    form = ItemRowForm
    formset = AgendaItemFormSet
    extra = 1
    fields = ["position", "number", "kind", "title", "is_exempt", "exempt_paragraph", "move"]
    readonly_fields = ["move"]
    show_change_link = True
    # No style="" attributes (strict CSP): the admin's vIntegerField class keeps it narrow.

    def _order(self, meeting_id):
        """The meeting's item ids in order, if its agenda may be reordered by moves."""
        cache = self.__dict__.setdefault("_orders", {})
        if meeting_id not in cache:
            meeting = Meeting.objects.filter(pk=meeting_id).first()
            movable = meeting is not None and not (
                meeting.agenda_is_public or meeting.minutes_locked
            )
            cache[meeting_id] = (
                list(meeting.items.order_by("position").values_list("pk", flat=True))
                if movable
                else []
            )
        return cache[meeting_id]

    @admin.display(description="move")
    def move(self, obj):
        if obj is None or obj.pk is None:
            return ""
        order = self._order(obj.meeting_id)
        if obj.pk not in order:
            return ""
        buttons = [
            move_button(obj, -1, "Up", disabled=order[0] == obj.pk),
            move_button(obj, 1, "Down", disabled=order[-1] == obj.pk),
        ]
        return format_html_join(" ", "{}", ((button,) for button in buttons))


class AttendanceInline(RecordInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "substitute_for"]
    fields = ["person", "status", "substitute_for", "note"]
    radio_fields = {"status": admin.HORIZONTAL}


class NumberedRowInline(RecordInline):
    form = PositionExemptForm
    formset = ReorderableFormSet
    extra = 1
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 70})}
    }


class RecommendationInline(NumberedRowInline):
    model = Recommendation
    fields = ["position", "label", "text"]


class ResolutionInline(NumberedRowInline):
    model = Resolution
    fields = [
        "position",
        "label",
        "text",
        "outcome",
        "votes_for",
        "votes_against",
        "abstentions",
        "note",
    ]


class ActionInline(RecordInline):
    """Actions as minuted are the record; their progress stays editable after approval."""

    model = Action
    fk_name = "item"
    extra = 0
    autocomplete_fields = ["owner_person"]
    fields = ["owner", "owner_person", "description", "due_date", "report_back", "status"]

    def has_change_permission(self, request, obj=None):
        return admin.TabularInline.has_change_permission(self, request, obj)

    def get_readonly_fields(self, request, obj=None):
        if minutes_locked(obj):
            return ["owner", "owner_person", "description", "due_date", "report_back"]
        return super().get_readonly_fields(request, obj)


class DeclarationInline(RecordInline):
    model = Declaration
    extra = 0
    autocomplete_fields = ["person", "registered_interest"]
    fields = [
        "person",
        "kind",
        "description",
        "registered_interest",
        "left_room",
        "has_dispensation",
    ]


class DocumentRowForm(VersionedRowForm, DocumentForm):
    """A document row: versioned, and its file checked like the document page's."""


class DocumentInline(EditorInline):
    """Documents are not the minuted record; publication is the steps' (read-only here)."""

    model = Document
    form = DocumentRowForm
    extra = 0
    fields = ["title", "kind", "file", "is_exempt", "position", "published_at", "checks"]
    readonly_fields = ["published_at", "checks"]

    @admin.display(description="checks")
    def checks(self, obj):
        return findings_summary(obj)

    def view_on_site(self, obj):
        return document_on_site(obj)


class MeetingDocumentInline(DocumentInline):
    fk_name = "meeting"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(item__isnull=True)
