"""The scanner in the editor: what an upload's scan found (told at once, shown on the
document's page and in the documents' rows), the manager's override form, and the
accessibility statement's wording."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from agenda.models import Document, DocumentScan, DocumentSource, ScanOverride, StatementWording
from agenda.scanning.intake import check_upload
from agenda.scanning.overrides import PERMISSION, override_for, record_override
from agenda.scanning.record import current_findings
from minutes_site.audit import log_event

UPLOAD_MARK = "_new_upload"


def uploaded_documents(form, formsets):
    """Documents saved in this request with a newly uploaded file."""
    instances = [form.instance] + [f.instance for fs in formsets for f in fs.forms]
    return [
        obj
        for obj in instances
        if isinstance(obj, Document) and obj.pk and getattr(obj, UPLOAD_MARK, False)
    ]


def tell_clerk(request, document):
    """Convert and scan a new upload (now, or in the worker), and say what was found."""
    outcome = check_upload(document)
    title = document.title
    if outcome is None:
        messages.info(
            request,
            f"“{title}” is being checked for hidden content"
            + (" and made into a PDF" if document.extension in ("docx", "odt") else "")
            + " by the task worker: its page shows what was found in a minute or two.",
        )
        return
    if outcome.conversion_error:
        messages.error(request, f"“{title}”: {outcome.conversion_error}")
    elif outcome.converted:
        messages.info(
            request,
            f"“{title}” was made into a PDF for publication; the original file is kept private.",
        )
    if outcome.leaks:
        listed = "; ".join(f"{f.message} ({f.where})" for f in outcome.leaks[:3])
        messages.error(
            request,
            f"“{title}” hides content that would be published: {listed} It cannot be "
            "published until the file is replaced or a manager records why it may be.",
        )
    if outcome.warnings:
        messages.warning(
            request, f"“{title}”: " + " ".join(f.message for f in outcome.warnings[:3])
        )
    if outcome.accessibility_problems:
        messages.warning(
            request,
            f"“{title}” may not be accessible: "
            + ", ".join(outcome.accessibility_problems)
            + ". It will be listed in the accessibility statement until it is replaced.",
        )


def findings_summary(document):
    """A short cell for the documents' rows on meeting and item pages."""
    if not document.pk:
        return "-"
    findings = current_findings(document)
    leaks = sum(1 for f in findings if f.kind == f.Kind.LEAK)
    url = reverse("admin:agenda_document_change", args=[document.pk])
    if leaks and override_for(document) is None:
        return format_html('<a href="{}">✘ {} hidden-content problem(s)</a>', url, leaks)
    if findings:
        return format_html('<a href="{}">⚠ {} finding(s)</a>', url, len(findings))
    if DocumentScan.objects.current().filter(document=document).exists():
        return "✔ nothing hidden"
    return "not checked yet"


def _scan_table(document):
    findings = current_findings(document)
    if not findings:
        return format_html("<p>{}</p>", "✔ Nothing hidden was found.")
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                "✘ blocks publication" if f.kind == f.Kind.LEAK else "⚠ warning",
                f.get_code_display(),
                f.where + (" (original file)" if f.scan.subject == f.scan.Subject.SOURCE else ""),
                f.message,
                f.advice,
            )
            for f in findings
        ),
    )
    return format_html(
        '<table class="scan-findings"><caption>Scan findings</caption><thead><tr>'
        '<th scope="col">Kind</th><th scope="col">What</th><th scope="col">Where</th>'
        '<th scope="col">Found</th><th scope="col">What to do</th></tr></thead>'
        "<tbody>{}</tbody></table>",
        rows,
    )


def _accessibility(document):
    scan = DocumentScan.objects.current().filter(document=document, subject="file").first()
    if scan is None or scan.accessibility_status == scan.Status.NOT_APPLICABLE:
        return ""
    if scan.accessibility_status == scan.Status.PASSED:
        return format_html("<p>{}</p>", "✔ Accessibility: tagged, titled, language set, real text.")
    return format_html(
        "<p>⚠ Accessibility: {}. The document is listed in the accessibility statement "
        "and marked on the public page until it is replaced.</p>",
        "; ".join(scan.accessibility_problems),
    )


def scan_report(document):
    """The document page's read-only "Checks" field."""
    if not document.pk:
        return "Checked when the file is uploaded."
    parts = [_scan_table(document), _accessibility(document)]
    source = DocumentSource.objects.filter(document=document).first()
    if source is not None and source.status == source.Status.FAILED:
        parts.insert(0, format_html('<p class="errornote">{}</p>', source.error))
    elif source is not None:
        parts.insert(
            0,
            format_html(
                "<p>Made into a PDF from “{}” (kept private).</p>", source.original_filename
            ),
        )
    override = override_for(document)
    if override is not None:
        parts.append(
            format_html(
                "<p>Allowed to be published by {} on {:%d %b %Y %H:%M}: {}</p>",
                override.user,
                override.at,
                override.reason,
            )
        )
    elif any(f.kind == f.Kind.LEAK for f in current_findings(document)):
        url = reverse("admin:agenda_document_scan_override", args=[document.pk])
        parts.append(
            format_html(
                '<p><a href="{}">Publish it anyway: record a reason (managers)</a></p>', url
            )
        )
    return format_html_join("", "{}", ((p,) for p in parts if p))


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label="Why this document may be published as it is",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        help_text="Recorded with your name in the meeting’s workflow log.",
    )


def override_view(model_admin, request, object_id):
    """A manager records why a document with hidden content may be published."""
    document = get_object_or_404(Document, pk=object_id)
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_override(
                document=document, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            log_event(
                "scan_override",
                request=request,
                document_id=document.pk,
                meeting_id=document.meeting_id,
            )
            messages.success(request, f"Recorded: “{document.title}” may be published as it is.")
            return redirect("admin:agenda_document_change", document.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Publish “{document.title}” despite hidden content",
        "document": document,
        "findings": [f for f in current_findings(document) if f.kind == f.Kind.LEAK],
        "form": form,
        "opts": model_admin.opts,
    }
    return TemplateResponse(request, "admin/agenda/document/scan_override.html", context)


@admin.register(ScanOverride)
class ScanOverrideAdmin(admin.ModelAdmin):
    """Read only: overrides are recorded from the document's page."""

    list_display = ["at", "document", "user", "reason"]
    list_select_related = ["document", "user"]
    search_fields = ["document__title", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatementWording)
class StatementWordingAdmin(admin.ModelAdmin):
    """The one row of human words in the accessibility statement."""

    fields = [
        "other_problems",
        "disproportionate_burden",
        "outside_scope",
        "improvement_plan",
        "response_time",
        "prepared_on",
        "reviewed_on",
    ]

    def has_add_permission(self, request):
        return not StatementWording.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
