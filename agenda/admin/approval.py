"""The editor's way to approve earlier minutes from a "Minutes of the previous meeting" item."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from agenda import publishing
from agenda.models import AgendaItem


@admin.action(description="Approve the earlier minutes these items refer to")
def approve_previous_minutes(modeladmin, request, queryset):
    """Ask once (with a box for corrections agreed at the meeting), then approve."""
    items = list(
        queryset.filter(kind=AgendaItem.Kind.PREVIOUS_MINUTES).select_related(
            "meeting__committee", "previous_minutes_of__committee"
        )
    )
    if not items:
        modeladmin.message_user(
            request,
            "Choose “Minutes of the previous meeting” items: only they can approve minutes.",
            messages.ERROR,
        )
        return None
    if request.POST.get("confirmed") != "yes":
        return TemplateResponse(
            request,
            "admin/agenda/agendaitem/confirm_approval.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": "Approve the earlier minutes as a correct record?",
                "items": items,
                "action": "approve_previous_minutes",
                "opts": modeladmin.model._meta,
            },
        )
    for item in items:
        try:
            prior = publishing.run(
                "approve_minutes",
                item,
                request.user,
                corrections=request.POST.get(f"corrections_{item.pk}", ""),
            ).meeting
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            modeladmin.message_user(request, f"{item}: {text}", messages.ERROR)
        else:
            modeladmin.message_user(
                request, f"The minutes of {prior} are approved and locked; reprinted without DRAFT."
            )
    return None
