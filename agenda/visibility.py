"""What a request may see: the public record, or a clerk's preview of unpublished pages.

Every public view asks a scope for its querysets, so the deny-by-default `.public()` rules
apply to anonymous visitors and only a signed-in clerk with `agenda.view_meeting` can ask
for the preview scope. Exempt content stays hidden in both: the preview shows what the
public page will look like once published.
"""

from django.db.models import Q

from agenda.models import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Document,
    Meeting,
    Motion,
    Vote,
    VoteEvent,
)

PREVIEW_PERMISSION = "agenda.view_meeting"


class PublicScope:
    is_preview = False

    def meetings(self):
        return Meeting.objects.public()

    def items(self):
        return AgendaItem.objects.public()

    def documents(self):
        return Document.objects.public()

    def attendances(self):
        return Attendance.objects.public()

    def declarations(self):
        return Declaration.objects.public()

    def decisions(self):
        """Published decisions; an exempt one's words stay hidden (`Decision.shows_content`)."""
        return Decision.objects.public()

    def motions(self):
        """Motions in public minutes: on items whose content and minutes are public (the
        preview scope keeps this rule: nothing of a meeting's votes shows before its minutes)."""
        return Motion.objects.public()

    def vote_events(self):
        return VoteEvent.objects.public()

    def votes(self):
        """Members' votes in public minutes; none on an exempt or withdrawn item."""
        return Vote.objects.public()

    def shows_agenda(self, meeting):
        return meeting.agenda_is_public

    def shows_minutes(self, meeting):
        return meeting.minutes_are_public


class PreviewScope(PublicScope):
    """Unpublished meetings and items, as they will read once published."""

    is_preview = True

    def meetings(self):
        return Meeting.objects.filter(committee__is_public=True)

    def items(self):
        return AgendaItem.objects.all()

    def documents(self):
        return (
            Document.objects.filter(is_exempt=False)
            .exclude(item__is_exempt=True)
            .exclude(item__withdrawn_at__isnull=False)
        )

    def attendances(self):
        return Attendance.objects.all()

    def declarations(self):
        return Declaration.objects.all()

    def decisions(self):
        return Decision.objects.filter(Q(committee__isnull=True) | Q(committee__is_public=True))

    def shows_agenda(self, meeting):
        return True

    def shows_minutes(self, meeting):
        return meeting.minutes_status != Meeting.MinutesStatus.NONE


def can_preview(request):
    user = request.user
    return user.is_authenticated and user.is_staff and user.has_perm(PREVIEW_PERMISSION)


class PreviewMixin:
    """Public by default; `?preview=1` (or an unpublished page) previews for clerks.

    A preview response is never cached by anyone but the clerk's own browser.
    """

    def get_scope(self):
        if not hasattr(self, "_scope"):
            wants = self.request.GET.get("preview") == "1"
            self._scope = PreviewScope() if wants and can_preview(self.request) else PublicScope()
        return self._scope

    def get_object(self, queryset=None):
        from django.http import Http404

        try:
            return super().get_object(queryset)
        except Http404:
            if self.get_scope().is_preview or not can_preview(self.request):
                raise
            self._scope = PreviewScope()
            return super().get_object(self.get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.get_scope().is_preview
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.get_scope().is_preview:
            response["Cache-Control"] = "private, no-store"
        return response
