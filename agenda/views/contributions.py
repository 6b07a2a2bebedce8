"""Residents take part: send a public question, or ask to speak on an item."""

from django import forms
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from agenda.models import Meeting, OutgoingEmail, PublicContribution
from agenda.notices.compose import site_url, when, write
from agenda.publishing.deadlines import contributions_deadline
from agenda.views.forms import public_form_helper
from minutes_site.audit import client_ip

# A person sends a question or two; a script sends hundreds. Per address and hour.
RATE_LIMIT, RATE_WINDOW = 5, 3600
NOUNS = {"question": "question", "speak": "request to speak"}


class ContributionForm(forms.Form):
    """Laid out by crispy-forms (Bootstrap 5, as the site); the honeypot `website` is left
    to the template, hidden from people."""

    kind = forms.ChoiceField(
        label="What would you like to do?",
        choices=PublicContribution.Kind.choices,
        widget=forms.RadioSelect,
    )
    item = forms.ChoiceField(label="Which item is it about?", required=False, widget=forms.Select)
    name = forms.CharField(
        label="Your name",
        max_length=120,
        help_text="Published with your question if it is accepted.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your email address",
        help_text="Only for the clerk to reply. Never published.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label="Your question, or what you want to speak about",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "The meeting in general"), *items]
        self.helper = public_form_helper("kind", "item", "name", "email", "text")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == PublicContribution.Kind.SPEAK and not cleaned.get("item"):
            self.add_error("item", "Choose the item you want to speak on.")
        return cleaned


class ContributionView(FormView):
    """`/meetings/<slug>/take-part/`: open until the committee's deadline."""

    form_class = ContributionForm
    template_name = "agenda/take_part.html"

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(
            Meeting.objects.public().select_related("committee"), slug=kwargs["slug"]
        )
        self.deadline = contributions_deadline(self.meeting)
        self.open = (
            self.meeting.status == Meeting.Status.SCHEDULED and timezone.now() <= self.deadline
        )
        return super().dispatch(request, *args, **kwargs)

    def items(self):
        if not self.meeting.agenda_is_public:
            return []
        rows = self.meeting.items.filter(published_at__isnull=False, is_exempt=False)
        return [(str(item.pk), f"{item.number}. {item.plain_title}") for item in rows]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": self.items()}

    def get_context_data(self, **kwargs):
        local = timezone.localtime(self.deadline)
        return super().get_context_data(
            meeting=self.meeting,
            open=self.open,
            deadline=f"{local:%A} {local.day} {local:%B %Y}",
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.open:
            return self.get(request, *args, **kwargs)
        key = f"take-part-rate:{client_ip(request)}"
        count = cache.get_or_set(key, 0, RATE_WINDOW)
        if count >= RATE_LIMIT:
            response = self.render_to_response(self.get_context_data(limited=True))
            response.status_code = 429
            return response
        cache.incr(key)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        if data["website"]:
            return redirect("agenda:take_part_sent", slug=self.meeting.slug)
        item = self.meeting.items.filter(pk=data["item"] or None).first()
        contribution = PublicContribution.objects.create(
            meeting=self.meeting,
            item=item,
            kind=data["kind"],
            name=data["name"],
            email=data["email"],
            text=data["text"],
        )
        write(
            key=f"acknowledge:{contribution.pk}",
            kind=OutgoingEmail.Kind.ACKNOWLEDGEMENT,
            to=contribution.email,
            subject=f"We have your {NOUNS[contribution.kind]} for {self.meeting.name}",
            lines=[
                f"Thank you, {contribution.name}. We have received your "
                f"{NOUNS[contribution.kind]} for {self.meeting.name}, "
                f"{when(self.meeting)}.",
                "The clerk will tell you whether it is accepted. Accepted questions are "
                "printed on the agenda with your name, never your email address.",
            ],
            link=site_url(self.meeting.get_absolute_url()),
            meeting=self.meeting,
        )
        return redirect("agenda:take_part_sent", slug=self.meeting.slug)


class ContributionSentView(TemplateView):
    template_name = "agenda/take_part_sent.html"

    def get_context_data(self, **kwargs):
        meeting = get_object_or_404(Meeting.objects.public(), slug=self.kwargs["slug"])
        return super().get_context_data(meeting=meeting, **kwargs)


def take_part_url(meeting):
    return reverse("agenda:take_part", kwargs={"slug": meeting.slug})
