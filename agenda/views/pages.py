"""Accessibility statement, alternative-format requests and the council's brand colours."""

import re

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from agenda.views.forms import AlternativeFormatForm
from minutes_site.colours import readable_text_colour

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
FALLBACK_COLOUR = "#1d4f91"


def alternative_format_recipient():
    council = settings.COUNCIL
    return council.get("accessibility_email") or council.get("email") or ""


class AccessibilityView(TemplateView):
    template_name = "agenda/accessibility.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form_available"] = bool(alternative_format_recipient())
        return context


class AlternativeFormatView(FormView):
    """Ask for a document in another format: emailed to the council's accessibility contact.
    With no address configured the page gives the council's phone and post instead."""

    template_name = "agenda/alternative_format.html"
    form_class = AlternativeFormatForm
    success_url = reverse_lazy("agenda:alternative_format_sent")

    def get_initial(self):
        return {"document": self.request.GET.get("document", "")[:500]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form_available"] = bool(alternative_format_recipient())
        return context

    def form_valid(self, form):
        recipient = alternative_format_recipient()
        if not recipient:
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        body = "\n".join(
            [
                "A request for a document in another format.",
                "",
                f"Name: {data['name']}",
                f"Email: {data['email']}",
                f"Document or page: {data['document']}",
                f"Format: {dict(form.fields['format'].choices)[data['format']]}",
                "",
                data["details"] or "(no further details)",
            ]
        )
        # One line only: a newline in an email subject is a header-injection attempt.
        summary = " ".join(data["document"].split())[:80]
        send_mail(
            subject=f"Alternative format request: {summary}",
            message=body,
            from_email=None,
            recipient_list=[recipient],
        )
        return super().form_valid(form)


class AlternativeFormatSentView(TemplateView):
    template_name = "agenda/alternative_format_sent.html"


class BrandStylesheetView(View):
    """The council's colour as a stylesheet, so pages need no inline styles (strict CSP).
    The colour is validated and the text colour derived for 4.5:1 contrast."""

    def get(self, request):
        colour = settings.COUNCIL.get("colour", "")
        if not HEX_COLOUR.match(colour or ""):
            colour = FALLBACK_COLOUR
        text = readable_text_colour(colour)
        css = (
            f":root{{--council-colour:{colour};--council-text:{text};}}\n"
            f".site-header,.brand-bg{{background-color:{colour};color:{text};}}\n"
            f".site-header a,.site-header a:visited{{color:{text};}}\n"
        )
        response = HttpResponse(css, content_type="text/css; charset=utf-8")
        response["Cache-Control"] = "public, max-age=300"
        return response
