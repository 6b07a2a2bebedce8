"""sitemap.xml sections: public committees, people, meetings and agenda items only."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agenda.models import AgendaItem, Meeting
from committees.models import Committee, Person


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["agenda:home", "agenda:meeting_list", "committees:committee_list", "search:search"]

    def location(self, name):
        return reverse(name)


class CommitteeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Committee.objects.public().only("slug").order_by("pk")


class PersonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.public().only("slug").order_by("pk")


class MeetingSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Meeting.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, meeting):
        return meeting.updated_at


class ItemSitemap(Sitemap):
    """Titles of exempt items are public too; their pages show the title only."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return AgendaItem.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticSitemap,
    "committees": CommitteeSitemap,
    "people": PersonSitemap,
    "meetings": MeetingSitemap,
    "items": ItemSitemap,
}
