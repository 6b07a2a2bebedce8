"""Public pages to subscribe by email, confirm, see and end subscriptions."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView, View

from agenda.models import Subscription, Topic
from agenda.notices import subscriptions
from agenda.views.forms import public_form_helper
from committees.models import Committee, Ward


class SubscribeForm(forms.Form):
    """Laid out by crispy-forms; the honeypot `website` is the template's."""

    email = forms.EmailField(
        label="Your email address",
        help_text="We keep only this address, to send you what you ask for.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Spam defence without third parties: a field people never see or fill in.
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = public_form_helper("email")


SUBJECTS = {"committee": Committee, "ward": Ward, "topic": Topic}


def public_subject(kind, slug):
    model = SUBJECTS.get(kind)
    if model is None:
        raise Http404("No such subject")
    queryset = model.objects.public() if hasattr(model.objects, "public") else model.objects
    return get_object_or_404(queryset, slug=slug)


class SubscribeView(FormView):
    """`/subscribe/<kind>/<slug>/`: ask to hear about a committee, ward or topic."""

    form_class = SubscribeForm
    template_name = "agenda/subscribe.html"

    def dispatch(self, request, *args, **kwargs):
        self.subject = public_subject(kwargs["kind"], kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)

    def form_valid(self, form):
        if not form.cleaned_data["website"]:
            subscriptions.subscribe(
                form.cleaned_data["email"], **{self.kwargs["kind"]: self.subject}
            )
        # The same answer whatever happened: nobody learns who is subscribed.
        return redirect("notices:check_email")


class CheckEmailView(TemplateView):
    template_name = "agenda/subscribe_check_email.html"


class ConfirmView(TemplateView):
    """The link in the confirmation email. GET shows a button (mail scanners open links);
    POST confirms."""

    template_name = "agenda/subscribe_confirm.html"

    def get_subscription(self):
        subscription = subscriptions.from_confirmation(self.kwargs["token"])
        if subscription is None:
            raise Http404("This confirmation link is not valid or is too old.")
        return subscription

    def get_context_data(self, **kwargs):
        return super().get_context_data(subscription=self.get_subscription(), **kwargs)

    def post(self, request, token):
        subscription = subscriptions.confirm(self.get_subscription())
        return redirect(subscription.get_absolute_url())


class ManageView(TemplateView):
    """Every subscription of the address a token belongs to, each with an end button."""

    template_name = "agenda/subscriptions_manage.html"

    def get_context_data(self, **kwargs):
        mine = get_object_or_404(Subscription, token=self.kwargs["token"])
        rows = Subscription.objects.filter(email=mine.email).select_related(
            "committee", "ward", "topic"
        )
        return super().get_context_data(mine=mine, rows=rows, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")  # mail programs POST one-click requests
class UnsubscribeView(View):
    """POST ends one subscription (the List-Unsubscribe one-click target too)."""

    def post(self, request, token):
        subscription = Subscription.objects.filter(token=token).first()
        if subscription is not None:
            other = (
                Subscription.objects.filter(email=subscription.email)
                .exclude(pk=subscription.pk)
                .first()
            )
            subscription.delete()
            if other is not None:
                return redirect(other.get_absolute_url())
        return redirect(reverse("notices:unsubscribed"))

    def get(self, request, token):
        return redirect(reverse("notices:manage", kwargs={"token": token}))


class UnsubscribedView(TemplateView):
    template_name = "agenda/unsubscribed.html"
