"""The meeting page's side panels: publications in progress (with "Try again") and the
items the agenda is offered (forward plan entries, report backs), each added by a POST."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect

from agenda import publishing
from agenda.models import Action, ForwardPlanEntry, Meeting, Publication
from agenda.publishing import background


class MeetingPanelsMixin:
    """For MeetingAdmin: the views behind the panels (URLs in its get_urls)."""

    def retry_publication(self, request, object_id, publication_id):
        """The "Try again" button of a failed publication (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        publication = get_object_or_404(Publication, pk=publication_id, meeting_id=object_id)
        try:
            background.retry(publication, request.user)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, text, messages.ERROR)
        else:
            self.message_user(request, "Trying the publication again.")
        return redirect("admin:agenda_meeting_change", object_id)

    def _take_suggestion(self, request, object_id, suggested, pk, add):
        """Put a suggested item (a forward plan entry, a report back) on this agenda:
        POST only; `suggested(meeting)` is what may be taken, `add(row, meeting)` adds it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("agenda.add_agendaitem"):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting, pk=object_id)
        item = add(get_object_or_404(suggested(meeting), pk=pk), meeting)
        self.message_user(request, f"Added item {item.number}: {item.title}.")
        return redirect("admin:agenda_meeting_change", object_id)

    def add_forward_plan_item(self, request, object_id, entry_id):
        return self._take_suggestion(
            request,
            object_id,
            ForwardPlanEntry.objects.to_take_at,
            entry_id,
            lambda entry, meeting: entry.add_to_agenda(meeting),
        )

    def add_report_item(self, request, object_id, action_id):
        return self._take_suggestion(
            request,
            object_id,
            Action.objects.reports_due_at,
            action_id,
            lambda action, meeting: action.add_report_item(meeting),
        )

    def publication_rows(self, meeting):
        rows = []
        for publication in meeting.publications.select_related("requested_by")[:5]:
            step = publishing.STEPS.get(publication.step)
            rows.append(
                {
                    "publication": publication,
                    "title": step.title if step else publication.step,
                    "progress": background.progress_of(publication),
                }
            )
        return rows
