"""The meeting page as the agenda builder: standard items from the committee's template,
items added by title, items moved up and down, many reports uploaded at once and matched
to their items, and the workflow's next steps with their checklist.

Every builder button submits the meeting's own form (so nothing typed on the page is
lost): the page is saved first, then the button's action runs, then the clerk is back on
the meeting page. Uploads are checked (agenda.publishing.uploads) and held privately
(StagedUpload) until the clerk confirms the proposed matching; confirming makes each one
a Document through the document form, so every upload and release check applies, and
then converts and scans it as any upload is.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from agenda import publishing
from agenda.admin.crispy import editor_helper
from agenda.admin.forms import DocumentForm
from agenda.admin.scanning import tell_clerk
from agenda.models import Document, Meeting, StagedUpload
from agenda.publishing import building
from agenda.publishing.checks import FOUR_EYES_LABEL
from agenda.publishing.matching import propose
from agenda.publishing.standard_items import TITLES, missing_standard_items, template_of
from agenda.publishing.uploads import check_upload

BUILDER_FIELD = "_builder"
PREFIX = "builder"
# Steps offered as buttons on the meeting page, most likely next first. Reordering a
# published agenda is done in the items table, with a notice.
PAGE_STEPS = (
    "publish_agenda",
    "publish_supplement",
    "record_held",
    "publish_draft_minutes",
    "publish_decisions",
    "record_adjourned",
    "postpone",
    "cancel",
)


def _errors(error):
    return " ".join(getattr(error, "messages", [str(error)]))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked on its own when staged."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class AgendaBuilderForm(forms.Form):
    """The builder's own inputs, inside the meeting page's form (prefix "builder")."""

    titles = forms.CharField(
        label="New items of business, one title per line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="They go after the business already on the agenda, before the exclusion "
        "of the public, and are numbered in their place.",
    )
    reports = MultipleFileField(
        label="Reports to attach",
        required=False,
        help_text="Choose several files at once. Name each with its item number or title "
        "(e.g. “07 Budget monitoring.pdf”): you confirm where each goes before anything is "
        "attached.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", PREFIX)
        super().__init__(*args, **kwargs)
        self.fields["reports"].widget.attrs["accept"] = ".pdf,.docx,.odt,.xlsx"
        self.helper = editor_helper()


def standard_item_lines(meeting):
    """The committee's template, and which of its items this agenda still lacks."""
    missing = set(missing_standard_items(meeting))
    have = {item.kind for item in meeting.items.all()}
    return [
        {"title": title or TITLES[kind], "missing": kind in missing, "present": kind in have}
        for kind, (title, _text) in template_of(meeting.committee).items()
    ]


def next_steps(meeting, user):
    """The workflow steps this meeting may take now, each with its checklist (if any), and
    whether this user may take it."""
    now = timezone.now()
    steps = []
    for name in PAGE_STEPS:
        step_class = publishing.STEPS[name]
        rule = publishing.RULES[name]
        step = step_class(meeting, user, now=now)
        if not rule.allows(meeting, now):
            continue
        try:
            step.refuse()
        except ValidationError:
            continue
        allowed = user.has_perm(rule.permission)
        checks = step.checklist() if rule.checklist else []
        if not allowed:
            # Who releases is the manager's question, not this user's.
            checks = [check for check in checks if check.label != FOUR_EYES_LABEL]
        steps.append(
            {
                "name": name,
                "title": step_class.title,
                "explain": step_class.explain,
                "checks": checks,
                "blocked": any(check.blocking and not check.ok for check in checks),
                "allowed": allowed,
                "url": reverse("admin:agenda_meeting_step", args=[meeting.pk, name]),
                "primary": bool(rule.checklist),
            }
        )
    return steps


def builder_context(meeting, user, form=None):
    """What the meeting page's builder panels show."""
    editable = not meeting.minutes_locked
    draft = not meeting.agenda_is_public
    standard = standard_item_lines(meeting) if draft else []
    return {
        "builder": {
            "form": form or AgendaBuilderForm(),
            "editable": editable,
            "draft": draft,
            "standard": standard,
            "missing_standard": any(line["missing"] for line in standard),
            "template_url": reverse("admin:agenda_agendatemplateitem_changelist")
            + f"?committee__id__exact={meeting.committee_id}",
            "staged": StagedUpload.objects.of(meeting, user).count(),
            "match_url": reverse("admin:agenda_meeting_match_reports", args=[meeting.pk]),
            "add_item_url": reverse("admin:agenda_agendaitem_add") + f"?meeting={meeting.pk}",
            "can_upload": user.has_perm("agenda.add_document"),
            "can_add": user.has_perm("agenda.add_agendaitem"),
        },
        "next_steps": next_steps(meeting, user),
    }


def move_button(item, direction, label, *, disabled=False):
    """The up/down button of an item row: a plain submit of the page (saved first)."""
    where = "up" if direction < 0 else "down"
    state = " disabled" if disabled else ""
    return format_html(
        '<button type="submit" class="button move-button" name="{}" value="{}:{}" '
        'data-move="{}"' + state + '>{}<span class="visually-hidden"> item {}, {}</span>'
        "</button>",
        BUILDER_FIELD,
        where,
        item.pk,
        where,
        label,
        item.number,
        item.plain_title,
    )


class AgendaBuilderMixin:
    """For MeetingAdmin: the builder's buttons (run after the page is saved) and pages."""

    def response_change(self, request, obj):
        action = request.POST.get(BUILDER_FIELD)
        if not action:
            return super().response_change(request, obj)
        return self.run_builder(request, obj, action)

    def _back(self, meeting, anchor="items-group"):
        url = reverse("admin:agenda_meeting_change", args=[meeting.pk])
        return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)

    def run_builder(self, request, meeting, action):
        """The builder button `action`, after the page was saved."""
        meeting.refresh_from_db()
        form = AgendaBuilderForm(request.POST, request.FILES)
        try:
            if action == "standard":
                return self._add_standard(request, meeting)
            if action == "add":
                return self._add_titles(request, meeting, form)
            if action == "upload":
                return self._stage(request, meeting, form)
            direction, _sep, pk = action.partition(":")
            if direction in ("up", "down") and pk.isdigit():
                return self._move(request, meeting, int(pk), -1 if direction == "up" else 1)
        except ValidationError as error:
            self.message_user(request, _errors(error), messages.ERROR)
            return self._back(meeting)
        self.message_user(request, "The page was saved.")
        return self._back(meeting, anchor="")

    def _need(self, request, permission):
        if not request.user.has_perm(permission):
            raise PermissionDenied

    def _add_standard(self, request, meeting):
        from agenda.publishing.standard_items import add_standard_items

        self._need(request, "agenda.add_agendaitem")
        added = add_standard_items(meeting)
        if added:
            names = ", ".join(f"{item.number}. {item.title}" for item in added)
            self.message_user(request, f"Saved, and added the standard items {names}.")
        else:
            self.message_user(request, "Saved. The agenda has every standard item already.")
        return self._back(meeting)

    def _add_titles(self, request, meeting, form):
        self._need(request, "agenda.add_agendaitem")
        form.is_valid()
        titles = building.titles_from(form.cleaned_data.get("titles", ""))
        if not titles:
            self.message_user(
                request, "Saved. Type the new items' titles, one per line.", messages.WARNING
            )
            return self._back(meeting)
        added = building.add_items(meeting, titles)
        numbers = ", ".join(item.number for item in added)
        self.message_user(request, f"Saved, and added {len(added)} item(s): {numbers}.")
        return self._back(meeting)

    def _move(self, request, meeting, pk, offset):
        self._need(request, "agenda.change_agendaitem")
        item = get_object_or_404(meeting.items, pk=pk)
        number = building.move_item(item, offset)
        if number is None:
            self.message_user(request, f"“{item.plain_title}” cannot move further.")
        else:
            self.message_user(request, f"Saved. “{item.plain_title}” is now item {number}.")
        return self._back(meeting, anchor=f"move-{pk}")

    def _stage(self, request, meeting, form):
        """Check each file and hold the ones that pass; then the matching page."""
        self._need(request, "agenda.add_document")
        if not form.is_valid():
            problems = [error for errors in form.errors.values() for error in errors]
            self.message_user(request, " ".join(problems), messages.ERROR)
            return self._back(meeting, anchor="builder")
        files = form.cleaned_data["reports"]
        if not files:
            self.message_user(
                request, "Saved. Choose the report files to upload.", messages.WARNING
            )
            return self._back(meeting, anchor="builder")
        StagedUpload.objects.stale().discard()
        held = 0
        for uploaded in files:
            name = uploaded.name
            try:
                checked = check_upload(uploaded)
            except ValidationError as error:
                self.message_user(
                    request, f"“{name}” was not uploaded: {_errors(error)}", messages.ERROR
                )
                continue
            uploaded.name = checked.filename
            StagedUpload.objects.create(
                meeting=meeting,
                file=uploaded,
                original_filename=checked.filename,
                content_type=checked.content_type,
                uploaded_by=request.user,
            )
            held += 1
        if not held:
            return self._back(meeting, anchor="builder")
        return redirect("admin:agenda_meeting_match_reports", meeting.pk)

    # ----------------------------------------------------------------- matching page

    def match_reports_view(self, request, object_id):
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=object_id)
        self._need(request, "agenda.add_document")
        staged = list(StagedUpload.objects.of(meeting, request.user))
        if not staged:
            self.message_user(request, "There are no uploaded reports waiting to be matched.")
            return self._back(meeting, anchor="builder")
        items = meeting.items.order_by("position").prefetch_related("documents")
        if request.method == "POST" and "discard" in request.POST:
            StagedUpload.objects.filter(pk__in=[s.pk for s in staged]).discard()
            self.message_user(request, "The uploaded files were discarded; nothing was attached.")
            return self._back(meeting, anchor="builder")
        proposals = propose([s.original_filename for s in staged], items)
        initial = [
            {
                "staged": s.pk,
                "item": p.item.pk if p.item else None,
                "kind": p.kind,
                "title": p.title,
            }
            for s, p in zip(staged, proposals, strict=True)
        ]
        formset_class = forms.formset_factory(MatchForm, extra=0)
        kwargs = {"form_kwargs": {"items": items}, "initial": initial, "prefix": "match"}
        formset = formset_class(**kwargs)
        if request.method == "POST":
            posted = formset_class(request.POST, **kwargs)
            if not _same_uploads(posted, staged):
                # Another tab uploaded or attached meanwhile, or the form was damaged.
                self.message_user(
                    request,
                    "The uploaded files changed meanwhile: check the list again, then attach.",
                    messages.WARNING,
                )
            else:
                formset = posted
                attached = formset.is_valid() and self._attach(request, meeting, staged, formset)
                if attached is not None and attached is not False:
                    return self._back(meeting, anchor="builder")
        rows = [
            {"staged": s, "proposal": p, "form": f}
            for s, p, f in zip(staged, proposals, formset.forms, strict=True)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Attach the uploaded reports",
            "subtitle": str(meeting),
            "meeting": meeting,
            "formset": formset,
            "rows": rows,
            "opts": self.model._meta,
            "original": meeting,
            "back_url": reverse("admin:agenda_meeting_change", args=[meeting.pk]),
        }
        return TemplateResponse(request, "admin/agenda/meeting/match_reports.html", context)

    def _attach(self, request, meeting, staged, formset):
        """Make Documents of the confirmed rows through the document form (every upload and
        release check), all or none; then convert and scan each. None if refused."""
        by_pk = {s.pk: s for s in staged}
        forms_to_save, skipped = [], []
        for row in formset.forms:
            held = by_pk.get(row.cleaned_data["staged"])
            if held is None:
                raise Http404("That upload is not yours to attach.")
            item = row.cleaned_data.get("item")
            if item is None:
                skipped.append(held)
                continue
            held.file.open("rb")
            try:
                data = held.file.read()
            finally:
                held.file.close()
            position = item.documents.count() + len(
                [f for f in forms_to_save if f.cleaned_data.get("item") == item]
            )
            document_form = BulkDocumentForm(
                {
                    "meeting": meeting.pk,
                    "item": item.pk,
                    "title": row.cleaned_data["title"],
                    "kind": row.cleaned_data["kind"],
                    "position": position + 1,
                },
                {"file": SimpleUploadedFile(held.original_filename, data, held.content_type)},
            )
            if not document_form.is_valid():
                problems = [e for errors in document_form.errors.values() for e in errors]
                row.add_error(None, " ".join(problems))
                continue
            forms_to_save.append(document_form)
        if any(row.errors for row in formset.forms):
            self.message_user(
                request,
                "Nothing was attached: put right the files marked below, or choose “Do not "
                "attach” for them.",
                messages.ERROR,
            )
            return None
        try:
            with transaction.atomic():
                documents = [document_form.save() for document_form in forms_to_save]
                StagedUpload.objects.filter(pk__in=[s.pk for s in staged]).discard()
        except ValidationError as error:
            self.message_user(request, f"Nothing was attached: {_errors(error)}", messages.ERROR)
            return None
        for document in documents:
            tell_clerk(request, document)
        if documents:
            listed = "; ".join(f"{d.title} → item {d.item.number}" for d in documents)
            self.message_user(request, f"Attached {len(documents)} report(s): {listed}.")
        if skipped:
            self.message_user(request, f"{len(skipped)} file(s) discarded, not attached.")
        return documents

    # ------------------------------------------------------------------ workflow steps

    def step_view(self, request, object_id, name):
        """A workflow button of the meeting page: the checklist and "Yes" (GET), then the
        step (POST), then back to the meeting."""
        step_class = publishing.STEPS.get(name)
        if step_class is None or name not in PAGE_STEPS:
            raise Http404("No such step")
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=object_id)
        back = reverse("admin:agenda_meeting_change", args=[meeting.pk])
        if request.method == "POST" and request.POST.get("confirmed") == "yes":
            result = self.take_step(request, meeting, step_class)
            if result is not None and result.pending is None:
                self.message_user(request, f"{step_class.title}: done.")
            return HttpResponseRedirect(back)
        return self._confirm(request, [meeting], step_class, back_url=back)


def _same_uploads(formset, staged):
    """Whether a posted matching form is about exactly the files held now, in order."""
    try:
        forms_ = formset.forms
    except ValidationError:  # a missing or damaged management form
        return False
    if len(forms_) != len(staged):
        return False
    posted = [form.data.get(form.add_prefix("staged")) for form in forms_]
    return posted == [str(s.pk) for s in staged]


class StepConfirmForm(forms.Form):
    """What a step's confirmation page asks for: the special circumstances of urgency of
    each late meeting (`urgency_<pk>`), and a public notice if the step needs one. Shown
    only: the step reads the posted values (MeetingAdmin.take_step)."""

    def __init__(self, *args, late=(), notice=False, **kwargs):
        super().__init__(*args, **kwargs)
        for meeting in late:
            self.fields[self.urgency_name(meeting)] = forms.CharField(
                label="Special circumstances of urgency (recorded and shown publicly)",
                widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
            )
        if notice:
            self.fields["notice"] = forms.CharField(
                label="Public notice",
                widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
                help_text="Shown on the meeting's page and sent to those who follow it.",
            )
        self.helper = editor_helper()

    @staticmethod
    def urgency_name(meeting):
        return f"urgency_{meeting.pk}"


class BulkDocumentForm(DocumentForm):
    """A report from the bulk upload: the document page's form and checks."""

    class Meta(DocumentForm.Meta):
        fields = ["meeting", "item", "title", "kind", "file", "position"]


MATCH_KINDS = [
    (kind.value, kind.label)
    for kind in (
        Document.Kind.REPORT,
        Document.Kind.APPENDIX,
        Document.Kind.BACKGROUND_PAPER,
        Document.Kind.SUPPLEMENT,
        Document.Kind.OTHER,
    )
]


class MatchForm(forms.Form):
    """One uploaded file: which item it goes to, as what, under which title."""

    staged = forms.IntegerField(widget=forms.HiddenInput)
    item = forms.ModelChoiceField(
        label="Agenda item",
        queryset=None,
        required=False,
        empty_label="Do not attach (discard the file)",
    )
    kind = forms.ChoiceField(label="Attach as", choices=MATCH_KINDS)
    title = forms.CharField(label="Title on the agenda", max_length=300)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda item: f"{item.number}. {item.plain_title}"
        self.helper = editor_helper()
