"""Which meetings a page showed, and which meetings a write touched.

While a cacheable page renders, every Meeting (or row carrying a meeting) that is loaded
adds that meeting's token to the page's dependencies (`recording()`), so a meeting page
depends on exactly the meetings it shows, a link to the previous meeting's minutes
included. Every save or delete of a public record names the meetings it belongs to,
through its foreign keys (an item's, a document's, an action's meeting), before and after
the write, and retires them (invalidation.py). Writes to the organisation (committees,
people, wards, topics, closure days...) retire everything: they are rare, and any page may
show them. Connected in AgendaConfig.ready().
"""

import contextvars
from functools import cache

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from agenda.caching import generations as g
from agenda.caching.invalidation import changed

# Rows no public page shows: writing them retires nothing (the search index retires
# site-wide pages itself, agenda.search.indexing).
PRIVATE = {
    "agenda.publication",
    "agenda.outgoingemail",
    "agenda.subscription",
    "agenda.searchentry",
    "agenda.textdraft",
    "agenda.importreview",
    "agenda.scanfinding",
    "agenda.stagedupload",  # a bulk upload's files, private until put on an item
    "agenda.agendatemplateitem",  # the editor's agenda templates
    "agenda.consoleevent",  # the console's log; what it changes is written to the record
}
# Rows of the organisation, which any page may show: a write retires every page. Every
# other model names a meeting, or is PRIVATE (tests/agenda/test_page_cache.py checks that
# each model is in one of the three, so a new one is placed knowingly).
ORGANISATION = {
    "agenda.topic",
    "agenda.closureday",
    "agenda.statementwording",
    "committees.party",
    "committees.ward",
    "committees.scrutinyarea",
    "committees.venue",
    "committees.person",
    "committees.committee",
    "committees.membership",
    "committees.registeredinterest",
}
# Rows that belong to a meeting through another row, and how to reach the meeting.
THROUGH = {
    "agenda.agendaitem": ("meeting_id",),
    "agenda.document": ("meeting_id",),
    "agenda.action": ("item__meeting_id",),
    "agenda.resolution": ("item__meeting_id",),
    "agenda.recommendation": ("item__meeting_id",),
    "agenda.decision": ("meeting_id", "item__meeting_id", "scrutiny_item__meeting_id"),
    "agenda.attendance": ("meeting_id",),
    "agenda.motion": ("item__meeting_id",),
    "agenda.voteevent": ("motion__item__meeting_id",),
}

_recording = contextvars.ContextVar("minutebook_page_dependencies", default=None)


class Recorder:
    """The dependencies of one page as it renders."""

    def __init__(self, *, committees=False):
        self.names = set()
        self.committees = committees

    def __enter__(self):
        self._token = _recording.set(self)
        return self

    def __exit__(self, *exc):
        _recording.reset(self._token)


def recording(*, committees=False):
    """`with recording() as recorder:` - recorder.names, once the page has rendered."""
    return Recorder(committees=committees)


@cache
def meeting_links(model):
    """The attnames of `model`'s foreign keys to a Meeting (its own pk for a Meeting), and
    of those to rows that belong to a meeting (THROUGH), with the related model."""
    Meeting = apps.get_model("agenda", "Meeting")
    direct, through = [], []
    if model is Meeting:
        direct.append("id")
    for field in model._meta.concrete_fields:
        if not field.is_relation or not (field.many_to_one or field.one_to_one):
            continue
        related = field.related_model
        if related is Meeting:
            direct.append(field.attname)
        elif related._meta.label_lower in THROUGH:
            through.append((field.attname, related))
    return tuple(direct), tuple(through)


def on_init(sender, instance, **kwargs):
    """A row loaded (connected only to models that name a meeting, and committees)."""
    direct = meeting_links(sender)[0]
    values = instance.__dict__
    meetings = tuple(values[name] for name in direct if values.get(name) is not None)
    # What the row said when loaded: a write that moves it retires its old meeting too.
    instance._page_cache_meetings = meetings
    recorder = _recording.get()
    if recorder is None:
        return
    recorder.names.update(g.meeting_key(pk) for pk in meetings)
    label = sender._meta.label_lower
    if label == "agenda.decision" and values.get("id") is not None:
        recorder.names.add(g.decision_key(values["id"]))
    elif recorder.committees and label == "committees.committee" and values.get("id"):
        recorder.names.add(g.committee_key(values["id"]))


def meetings_of(instance):
    """The meetings the row names directly, now and when it was loaded, and the rows
    through which it belongs to others ({label: pks}, looked up when retiring)."""
    direct, through = meeting_links(type(instance))
    meetings = {getattr(instance, name) for name in direct}
    meetings.update(getattr(instance, "_page_cache_meetings", ()))
    meetings.discard(None)
    rows = {}
    for attname, related in through:
        pk = getattr(instance, attname)
        if pk is not None:
            rows.setdefault(related._meta.label_lower, set()).add(pk)
    return meetings, rows


def _written(instance, using):
    model = type(instance)
    label = model._meta.label_lower
    direct, through = meeting_links(model)
    if not direct and not through:
        changed(org=True, using=using)
        return
    meetings, rows = meetings_of(instance)
    changed(
        meetings=meetings,
        through=rows,
        decisions=[instance.pk] if label == "agenda.decision" else (),
        site=True,
        using=using,
    )


def on_save(sender, instance, using, raw=False, **kwargs):
    if raw:
        return  # fixtures being loaded: nothing was cached from them
    _written(instance, using)


def on_delete(sender, instance, using, **kwargs):
    _written(instance, using)


def on_m2m(sender, instance, action, using, **kwargs):
    if action.startswith("post_"):
        _written(instance, using)


def watched_models():
    for app_label in ("agenda", "committees"):
        for model in apps.get_app_config(app_label).get_models():
            label = model._meta.label_lower
            if label in PRIVATE or model.__name__.startswith("Historical"):
                continue
            yield model


def connect():
    for model in watched_models():
        uid = f"minutebook-page-cache-{model._meta.label_lower}"
        if meeting_links(model)[0] or model._meta.label_lower == "committees.committee":
            post_init.connect(on_init, sender=model, dispatch_uid=f"{uid}-init")
        post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(on_m2m, sender=through, dispatch_uid=f"{uid}-{field.name}-m2m")
