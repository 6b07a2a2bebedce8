"""No lost updates in the editor: optimistic locking on `version`, autosaved drafts,
and history pages nobody can use to alter the record."""

import dataclasses

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from agenda.admin.labels import NamedSplitInputsMixin
from agenda.admin.merging import MergingForm, snapshot
from agenda.admin.record import RecordAdminMixin
from agenda.admin.scanning import tell_clerk, uploaded_documents
from agenda.models import TextDraft
from committees.richtext import html_to_text

VERSION_FIELD = "opened_version"
# Bookkeeping columns that change on every save and mean nothing to a reader.
NOISE_FIELDS = {"version", "updated_at"}


class VersionedForm(MergingForm):
    """The object form of the item and meeting pages: carries the `version` the page was
    opened at; the base of the merge is that version's history row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[VERSION_FIELD].initial = self.instance.version

    def base_values(self, stored, names):
        opened = self.cleaned_data.get(VERSION_FIELD)
        if not opened or not str(opened).isdigit():
            return None
        if int(opened) == stored.version:
            return snapshot(stored, names)
        # The last history row at or before the opened version (a version saved without
        # history, by a bulk update, leaves a gap).
        then = (
            stored.history.filter(version__lte=int(opened))
            .order_by("-version", "-history_date")
            .first()
        )
        return None if then is None else snapshot(then.instance, names)

    def current_token(self, stored):
        return str(stored.version)

    def clean(self):
        return self.merge(super().clean())


class ReadableHistory(HistoricalRecordContextHelper):
    """Diffs a clerk can read: rich text shown as text, bookkeeping columns left out."""

    def context_for_delta_changes(self, delta):
        changes = [c for c in delta.changes if c.field not in NOISE_FIELDS]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject):
            # An empty link (no contact officer yet) is not a "Deleted person (pk=None)".
            value = "(none)" if value.pk is None else f"a deleted {value.model._meta.verbose_name}"
        elif isinstance(value, str) and ("<" in value or "&" in value):
            value = html_to_text(value)
        if value in ("", None):
            value = "(empty)"
        return super().prepare_delta_change_value(change, value)


def row_changes(helper_for, histories, limit=50):
    """The latest changes to an object's rows (its recommendations, documents...), newest
    first, each with its field-by-field diff, for the object's history page."""
    records = []
    for history in histories:
        records += list(history.select_related("history_user").order_by("-history_date")[:limit])
    records.sort(key=lambda record: record.history_date, reverse=True)
    rows = []
    for record in records[:limit]:
        previous = record.prev_record if record.history_type == "~" else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            changes = helper_for(record).context_for_delta_changes(delta)
            if not changes:
                continue  # a save that changed nothing is not shown as a change
        rows.append(
            {
                "record": record,
                "what": capfirst(record.instance._meta.verbose_name),
                "row": html_to_text(str(record.instance)),
                "changes": changes,
            }
        )
    return rows


class HistoryAdmin(RecordAdminMixin, NamedSplitInputsMixin, SimpleHistoryAdmin):
    """History per object with a field-by-field diff (old → new). History can be read,
    never reverted or edited here. The search index follows edits by itself
    (agenda.search.signal_handlers); the record lock's refusals are explained
    (agenda.admin.record)."""

    object_history_list_template = "admin/agenda/object_history_list.html"

    def row_histories(self, obj):
        """Histories of the rows edited on this object's page, shown on its history."""
        return []

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if obj is not None:
            extra_context["row_changes"] = row_changes(
                lambda record: ReadableHistory(type(record.instance), record),
                self.row_histories(obj),
            )
        return super().history_view(request, object_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # New uploads on this page or its inlines: converted and scanned, the clerk told.
        for document in uploaded_documents(form, formsets):
            tell_clerk(request, document)


class WorkflowAdmin(HistoryAdmin):
    """History, plus optimistic locking on `version` and autosaved drafts of
    `autosave_fields`."""

    form = VersionedForm
    autosave_fields = ()
    autosave_interval = 10

    class Media:
        js = ["agenda/js/autosave.js"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        first_name, first = fieldsets[0]
        first = {**first, "fields": [*first["fields"], VERSION_FIELD]}
        return [(first_name, first), *fieldsets[1:]]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name="{}_{}_autosave".format(*info),
            ),
            *super().get_urls(),
        ]

    def autosave_view(self, request, object_id):
        """Store what the user is typing; JSON in, JSON out."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        field_name = request.POST.get("field", "")
        if field_name not in self.autosave_fields:
            return JsonResponse({"error": "This field is not autosaved."}, status=400)
        try:
            base_version = int(request.POST.get("version") or obj.version)
        except ValueError:
            base_version = obj.version
        draft, _ = TextDraft.objects.update_or_create(
            user=request.user,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            field_name=field_name,
            defaults={"text": request.POST.get("text", ""), "base_version": base_version},
        )
        saved = timezone.localtime(draft.saved_at)
        return JsonResponse(
            {"saved_at": saved.isoformat(), "message": f"Draft saved {saved:%H:%M:%S}"}
        )

    def pending_drafts(self, request, obj):
        """This user's autosaved drafts that differ from what is stored."""
        drafts = TextDraft.objects.filter(
            user=request.user,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            field_name__in=self.autosave_fields,
        )
        pending = [d for d in drafts if d.text != getattr(obj, d.field_name)]
        for draft in pending:
            # "Minutes", not "Minutes_text".
            draft.label = capfirst(self.model._meta.get_field(draft.field_name).verbose_name)
        return pending

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        restore = request.GET.get("restore_draft")
        if obj is not None and restore and request.method == "GET":
            draft = TextDraft.objects.filter(
                pk=restore if restore.isdigit() else None,
                user=request.user,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
            ).first()
            if draft is not None and draft.field_name in self.autosave_fields:
                setattr(obj, draft.field_name, draft.text)
                # Saving checks against the version the draft started from, so a change
                # someone made meanwhile is shown, never overwritten silently.
                obj.version = draft.base_version or obj.version
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = super().get_object(request, object_id)
        if obj is not None and self.autosave_fields:
            extra_context["autosave"] = {
                "url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_autosave",
                    args=[obj.pk],
                    current_app=self.admin_site.name,
                ),
                "fields": " ".join(self.autosave_fields),
                "interval": self.autosave_interval,
                "version": obj.version,
            }
            extra_context["pending_drafts"] = self.pending_drafts(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # A save that changes none of this page's own fields (only its rows, or nothing)
        # leaves the object alone: no new version to refuse others' pages for, and no
        # history row that four-eyes or the history page would count as an edit.
        if not change or form.has_changed():
            super().save_model(request, obj, form, change)
        if change and self.autosave_fields:
            TextDraft.objects.filter(
                user=request.user,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=obj.pk,
            ).delete()
