"""The editor's "Import from ModernGov" page: upload files, see the same report as the command."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse

from agenda.importers.load import PARSERS, FileReport, import_file
from agenda.models import ImportReview

IMPORT_PERMISSION = "agenda.add_meeting"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(PARSERS)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(one, initial) for one in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Files",
        help_text="Saved ModernGov pages (.html), web-service XML, copied text or printed "
        "minutes (.pdf).",
    )
    committee = forms.CharField(
        label="Committee",
        required=False,
        max_length=200,
        help_text="For pages that do not say which meeting they belong to. Created if missing.",
    )
    date = forms.DateField(
        label="Meeting date",
        required=False,
        help_text="YYYY-MM-DD, for the same pages.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    dry_run = forms.BooleanField(
        label="Check only (dry run)",
        required=False,
        help_text="Read the files and show what would be saved and what was guessed; "
        "nothing is saved.",
    )


def import_view(model_admin, request):
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    reports = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        for upload in form.cleaned_data["files"]:
            if upload.size > MAX_UPLOAD_BYTES:
                reports.append(FileReport(name=upload.name, error="The file is over 20 MB."))
                continue
            reports.append(
                import_file(
                    upload.name,
                    upload.read(),
                    committee=form.cleaned_data["committee"],
                    date=form.cleaned_data["date"],
                    pdfs=True,
                    dry_run=form.cleaned_data["dry_run"],
                )
            )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Import from ModernGov",
        "opts": model_admin.model._meta,
        "form": form,
        "reports": reports,
        "failed": sum(not report.ok for report in reports),
        "to_check": ImportReview.objects.to_review().count(),
        "review_url": reverse("admin:agenda_importreview_changelist"),
    }
    return TemplateResponse(request, "admin/agenda/meeting/import_moderngov.html", context)
