"""One saved object per model registered in the editor, for the admin smoke tests.

A new ModelAdmin without an entry here fails its smoke test with a clear message, so
every editor page stays covered.
"""

from django.contrib import admin
from django.contrib.auth.models import Group

from tests import factories

FACTORIES = {
    "committees.Party": factories.PartyFactory,
    "committees.Ward": factories.WardFactory,
    "committees.ScrutinyArea": factories.ScrutinyAreaFactory,
    "committees.Venue": factories.VenueFactory,
    "committees.Person": factories.PersonFactory,
    "committees.Committee": factories.CommitteeFactory,
    "committees.Membership": factories.MembershipFactory,
    "committees.RegisteredInterest": factories.RegisteredInterestFactory,
    "agenda.Meeting": factories.MeetingFactory,
    "agenda.AgendaItem": factories.AgendaItemFactory,
    "agenda.Topic": factories.TopicFactory,
    "agenda.Resolution": factories.ResolutionFactory,
    "agenda.Action": factories.ActionFactory,
    "agenda.Declaration": factories.DeclarationFactory,
    "agenda.Document": factories.DocumentFactory,
    "agenda.ClosureDay": factories.ClosureDayFactory,
    "agenda.Erratum": factories.ErratumFactory,
    "agenda.Transition": factories.TransitionFactory,
    "agenda.OutgoingEmail": factories.OutgoingEmailFactory,
    "agenda.Subscription": factories.SubscriptionFactory,
    "agenda.PublicContribution": factories.PublicContributionFactory,
    "agenda.ForwardPlanEntry": factories.ForwardPlanEntryFactory,
    "agenda.ImportReview": factories.ImportReviewFactory,
    "agenda.SourceAddress": factories.SourceAddressFactory,
    "agenda.Decision": factories.DecisionFactory,
    "agenda.ScanOverride": factories.ScanOverrideFactory,
    "agenda.StatementWording": factories.StatementWordingFactory,
    "agenda.AgendaTemplateItem": factories.AgendaTemplateItemFactory,
    "auth.Group": lambda: Group.objects.get(name="Clerk"),
}


def registered(app_labels):
    """Registered models of the given apps, as pytest parameters named by label."""
    return [model for model in admin.site._registry if model._meta.app_label in app_labels]


def make_object(model, user):
    label = model._meta.label
    if label == "auth.User":
        return user
    assert label in FACTORIES, f"Add a factory for {label} to tests/admin_objects.py"
    return FACTORIES[label]()


def admin_url(model, view, *args):
    from django.urls import reverse

    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def management(prefix, total, initial=0):
    """The management form fields of an inline formset."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


# Records nobody adds by hand (the workflow writes them): their add page is refused.
READ_ONLY = {
    "agenda.Transition",
    "agenda.OutgoingEmail",
    "agenda.Subscription",
    "agenda.PublicContribution",
    "agenda.ScanOverride",
    "agenda.StatementWording",  # one row, already there
    "agenda.ImportReview",
    "agenda.SourceAddress",
}


def assert_smoke(client, model, obj):
    """Changelist with a search, the add page and the object's change page all load."""
    changelist = client.get(admin_url(model, "changelist"), {"q": "x"})
    assert changelist.status_code == 200, model
    expected = 403 if model._meta.label in READ_ONLY else 200
    assert client.get(admin_url(model, "add")).status_code == expected, model
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200, model
