"""The editor's side of the record lock (agenda.models.locks) and of visibility steps.

- Approved minutes show read-only; a delete the lock refuses is shown as "protected" with
  the reason (so the admin's delete page and "delete selected" explain, never 500).
- Ticking "exempt" on a published item or document does not save the flag: the form sets
  it aside and the admin runs the publishing step (exempt_item / exempt_document) once the
  rest of the page is saved, so printed copies, search and caches follow.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from agenda import publishing
from agenda.models import AgendaItem, Document

# Which fields a visibility step owns on a published row, keyed by the flag that says so.
VISIBILITY_FIELDS = {
    AgendaItem: ("is_exempt", "exempt_paragraph", "public_interest_reason"),
    Document: ("is_exempt",),
}


def _published(instance):
    return bool(instance.pk and getattr(instance, "published_at", None))


class VisibilityFormMixin:
    """On a published row, a changed "exempt" flag becomes `visibility_change` (run as a
    step by the admin) instead of a field write the record lock would refuse."""

    visibility_change = None

    def _post_clean(self):
        fields = VISIBILITY_FIELDS.get(type(self.instance), ())
        cleaned = getattr(self, "cleaned_data", {})
        if fields and _published(self.instance) and "is_exempt" in self.changed_data:
            change = {name: cleaned.pop(name) for name in fields if name in cleaned}
            needs_paragraph = change.get("is_exempt") and "exempt_paragraph" in fields
            if needs_paragraph and not change.get("exempt_paragraph"):
                message = "Choose the Schedule 12A paragraph the item is exempt under."
                self.add_error("exempt_paragraph", message)
            self.visibility_change = change
            super()._post_clean()
            cleaned.update(change)
            return
        super()._post_clean()


def run_visibility_step(request, instance, change):
    """Run the step for a change set aside by VisibilityFormMixin; report the outcome."""
    if isinstance(instance, AgendaItem):
        name, params = (
            "exempt_item",
            {
                "item": instance,
                "exempt": change["is_exempt"],
                "paragraph": change.get("exempt_paragraph"),
                "reason": change.get("public_interest_reason", ""),
            },
        )
    else:
        name, params = "exempt_document", {"document": instance, "exempt": change["is_exempt"]}
    try:
        result = publishing.run(name, instance.meeting, request.user, **params)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(getattr(error, "messages", [str(error)]))
        messages.error(request, f"“{instance}” was not changed: {text}")
        return None
    if result.transition is not None:
        messages.success(request, f"{result.transition.reason} Printed copies and search updated.")
    for problem in result.messages:
        messages.warning(request, problem)
    return result


class RecordAdminMixin:
    """Delete refusals explained; visibility changes run as steps after the save."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        pks = [obj.pk for obj in objs]
        refusal = self.model._default_manager.filter(pk__in=pks).delete_refusal()
        if refusal:
            protected = [*protected, refusal]
        return deleted, counts, perms_needed, protected

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        own = getattr(form, "visibility_change", None)
        pending = [(form.instance, own)] if own else []
        for formset in formsets:
            pending += [
                (row.instance, row.visibility_change)
                for row in formset.forms
                if getattr(row, "visibility_change", None) and row.instance.pk
            ]
        for instance, visibility in pending:
            run_visibility_step(request, instance, visibility)


class RecordFormSet(forms.BaseInlineFormSet):
    """Inline rows: a delete the record lock refuses is a form error, never a 500."""

    def clean(self):
        super().clean()
        pks = [form.instance.pk for form in self.deleted_forms if form.instance.pk]
        if pks:
            refusal = self.model._default_manager.filter(pk__in=pks).delete_refusal()
            if refusal:
                raise forms.ValidationError(refusal)


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label="Public note (why the item is withdrawn)",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
    )


@admin.action(description="Withdraw the selected items from their published agenda")
def withdraw_items(modeladmin, request, queryset):
    """Ask once for the public note, then withdraw each item through the step."""
    items = list(queryset.select_related("meeting__committee").order_by("meeting", "position"))
    form = WithdrawForm(request.POST if request.POST.get("confirmed") == "yes" else None)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "admin/agenda/agendaitem/confirm_withdraw.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": "Withdraw these items from the published agenda?",
                "items": items,
                "form": form,
                "action": "withdraw_items",
                "opts": modeladmin.model._meta,
            },
        )
    for item in items:
        try:
            publishing.run(
                "withdraw_item",
                item.meeting,
                request.user,
                item=item,
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            modeladmin.message_user(request, f"{item}: {text}", messages.ERROR)
        else:
            modeladmin.message_user(
                request, f"{item}: withdrawn; the notice is public and the printed copies redone."
            )
    return None
