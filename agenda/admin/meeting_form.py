"""The meeting page's form: moving a meeting residents can already see asks first."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from agenda import publishing
from agenda.admin.concurrency import VersionedForm
from agenda.models import Meeting
from agenda.models.meetings import safe_localtime


def _when(moment):
    local = safe_localtime(moment)
    return f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M}"


class MeetingForm(VersionedForm):
    """A changed date or time of a public meeting is a step (`move_meeting`): the form
    says what will happen and asks for a tick and a public notice before it is taken."""

    confirm_move = forms.BooleanField(
        label="Yes, move this published meeting",
        required=False,
        help_text="Its page shows your notice, its PDFs are printed again with the new date "
        "and its web address changes (the old one redirects).",
    )
    change_notice = forms.CharField(
        label="Public notice of the new date",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        help_text="Shown on the meeting page, e.g. why the meeting moved.",
    )
    renumber_notice = forms.CharField(
        label="Public notice of renumbering",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        help_text="Needed only to reorder or renumber the items of a published agenda.",
    )
    actor = None  # set by MeetingAdmin.get_form: the step is checked for this user

    class Meta:
        model = Meeting
        fields = "__all__"

    def is_move(self):
        instance = self.instance
        return (
            instance.pk is not None
            and {"start", "end"} & set(self.changed_data)
            and Meeting.objects.public().filter(pk=instance.pk).exists()
        )

    def clean(self):
        cleaned = super().clean()
        self.move = None
        if not self.is_move() or self.errors:
            return cleaned
        stored = Meeting.objects.get(pk=self.instance.pk)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None:
            return cleaned
        if _to_minute(start) == _to_minute(stored.start) and _to_minute(end) == _to_minute(
            stored.end
        ):
            return cleaned  # the form shows minutes: seconds it dropped are no move
        step = publishing.step(
            "move_meeting", stored, self.actor, start=start, end=end,
            notice=cleaned.get("change_notice", ""),
        )  # fmt: skip
        if not cleaned.get("confirm_move"):
            raise ValidationError(
                "This meeting is public: moving it from %(old)s to %(new)s publishes a notice, "
                "prints its PDFs again and changes its web address. Tick “Yes, move this "
                "published meeting”, write the public notice and save again.",
                params={"old": _when(stored.start), "new": _when(start)},
                code="confirm_move",
            )
        try:
            step.check()
        except PermissionDenied as error:
            raise ValidationError(str(error) or "You may not move a published meeting.") from None
        self.move = {"start": start, "end": end, "notice": cleaned.get("change_notice", "")}
        return cleaned


def _to_minute(moment):
    return moment.replace(second=0, microsecond=0) if moment is not None else None
