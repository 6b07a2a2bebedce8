"""Which addresses are cached, and what each depends on. Deny by default: an address not
named here (the editor, forms, subscriptions, files, health) is never cached.

SITE pages list, search or count across the whole site: any public change retires them.
PAGE pages show particular meetings: they depend on the meetings they loaded while they
rendered (dependencies.py), a decision's page on that decision too. COMMITTEE pages
depend on their committee's token, which every change to one of its meetings retires.
Every page depends on the organisation's token.
"""

from dataclasses import dataclass

from agenda.caching import generations as g


@dataclass(frozen=True)
class Route:
    kind: str  # "site", "page" or "committee"
    decision_kwarg: str | None = None

    def static_names(self, kwargs):
        names = [g.ORG]
        if self.kind == "site":
            names.append(g.SITE)
        if self.decision_kwarg and kwargs.get(self.decision_kwarg):
            names.append(g.decision_key(kwargs[self.decision_kwarg]))
        return names


SITE = Route("site")
PAGE = Route("page")
COMMITTEE = Route("committee")
DECISION = Route("page", decision_kwarg="pk")

ROUTES = {
    # The public site.
    "agenda:home": SITE,
    "agenda:meeting_list": SITE,
    "agenda:calendar": SITE,
    "agenda:meeting_detail": PAGE,
    "agenda:meeting_decisions": PAGE,
    "agenda:item_detail": PAGE,
    "agenda:topic_detail": SITE,
    "agenda:forward_plan": SITE,
    "agenda:forward_plan_feed": SITE,
    "agenda:decision_register": SITE,
    "agenda:decisions_feed": SITE,
    "agenda:decision_detail": DECISION,
    "agenda:committee_actions": COMMITTEE,
    "agenda:accessibility": SITE,
    "agenda:brand_css": SITE,
    "committees:committee_list": SITE,
    "committees:committee_detail": COMMITTEE,
    "committees:person_list": SITE,
    "committees:person_detail": SITE,
    "agenda:councillor_record": SITE,
    "search:search": SITE,
    "search:feed": SITE,
    # Feeds and calendars.
    "follow:feed": SITE,
    "follow:committee_feed": COMMITTEE,
    "follow:calendar": SITE,
    "follow:committee_calendar": COMMITTEE,
    "follow:meeting_calendar": PAGE,
    # The API.
    "api:docs": SITE,
    "api:system": SITE,
    "api:body_list": SITE,
    "api:body_detail": SITE,
    "api:organization_list": SITE,
    "api:organization_detail": SITE,
    "api:organization_meetings": SITE,
    "api:person_list": SITE,
    "api:person_detail": SITE,
    "api:membership_list": SITE,
    "api:membership_detail": SITE,
    "api:meeting_list": SITE,
    "api:meeting_detail": PAGE,
    "api:agendaitem_list": SITE,
    "api:agendaitem_detail": PAGE,
    "api:file_list": SITE,
    "api:file_detail": PAGE,
    "api:location_list": SITE,
    "api:location_detail": SITE,
    "api:location_meetings": SITE,
    "api:paper_list": SITE,
    "api:consultation_list": SITE,
    "api:legislativeterm_list": SITE,
    "api:decision_list": SITE,
    "api:decision_detail": DECISION,
    "api:action_list": SITE,
    "api:action_detail": SITE,
    "api:attendance_list": SITE,
    "api:motion_list": SITE,
    "api:motion_detail": SITE,
    "api:voteevent_list": SITE,
    "api:voteevent_detail": SITE,
    "api:decisions_csv": SITE,
    "api:actions_csv": SITE,
    "api:attendance_csv": SITE,
    "api:vote_events_csv": SITE,
    "api:votes_csv": SITE,
    "api:export": SITE,
    "api:item_minutes": PAGE,
    "api:meeting_minutes": PAGE,
    # Robots and sitemaps.
    "robots_txt": SITE,
    "sitemap": SITE,
    "sitemap_section": SITE,
}
