"""The clerk's moderation queue for public questions and requests to speak."""

from django.contrib import admin, messages
from django.utils import timezone

from agenda import publishing
from agenda.models import Meeting, OutgoingEmail, PublicContribution
from agenda.notices.compose import site_url, write

ANSWERS = {
    PublicContribution.Status.ACCEPTED: "It is accepted and will be printed on the agenda.",
    PublicContribution.Status.REJECTED: "It cannot be accepted for this meeting.",
}


def moderate(modeladmin, request, queryset, status):
    """Accept or decline; tell the resident; print accepted ones on a published agenda."""
    now, changed, answered = timezone.now(), set(), 0
    for contribution in queryset.select_related("meeting").filter(
        status=PublicContribution.Status.SUBMITTED
    ):
        contribution.status, contribution.moderated_by = status, request.user
        contribution.moderated_at = now
        contribution.save()
        changed.add(contribution.meeting_id)
        answered += 1
        lines = [ANSWERS[status]]
        if contribution.note:
            lines.append(contribution.note)
        write(
            key=f"moderated:{contribution.pk}:{status}",
            kind=OutgoingEmail.Kind.ACKNOWLEDGEMENT,
            to=contribution.email,
            subject=f"Your {contribution.get_kind_display().lower()} for {contribution.meeting}",
            lines=lines,
            link=site_url(contribution.meeting.get_absolute_url()),
            meeting=contribution.meeting,
        )
    if status == PublicContribution.Status.ACCEPTED:
        for meeting in Meeting.objects.filter(pk__in=changed).with_public_agenda():
            publishing.run(
                "reprint_agenda",
                meeting,
                request.user,
                reason="Public questions and speakers accepted.",
                background=False,
            )
    modeladmin.message_user(request, f"{answered} answered; each was told by email.", messages.INFO)


@admin.register(PublicContribution)
class PublicContributionAdmin(admin.ModelAdmin):
    """Questions and requests to speak, oldest first, waiting ones at the top."""

    list_display = ["submitted_at", "meeting", "kind", "name", "item", "status"]
    list_filter = ["status", "kind", "meeting__committee"]
    search_fields = ["name", "text", "meeting__committee__name"]
    list_select_related = ["meeting__committee", "item"]
    # Status changes only through the actions, which tell the resident.
    readonly_fields = ["meeting", "item", "kind", "name", "email", "text", "submitted_at",
                       "status", "moderated_by", "moderated_at"]  # fmt: skip
    fields = [*readonly_fields[:7], "note", *readonly_fields[7:]]
    actions = ["accept", "decline"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Accept the selected questions and speakers")
    def accept(self, request, queryset):
        moderate(self, request, queryset, PublicContribution.Status.ACCEPTED)

    @admin.action(description="Decline the selected questions and speakers")
    def decline(self, request, queryset):
        moderate(self, request, queryset, PublicContribution.Status.REJECTED)
