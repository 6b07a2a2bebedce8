"""A saved ModernGov site (two committees, four meetings, an item page, an issue page, two
decision pages and three PDFs) imports in one command with a progress bar; a second run
changes nothing; every old address a crawler would find redirects (301) to its new page."""

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from agenda.importers.site import address_of, import_site
from agenda.models import AgendaItem, Decision, Document, ImportReview, Meeting, SourceAddress
from committees.models import Committee
from tests.agenda.import_expect import SITE, stored_state
from tests.agenda.import_helpers import counts

pytestmark = pytest.mark.django_db
FOLDER = SITE / "democracy.riverford.example.gov.uk"
BASE = "https://democracy.riverford.example.gov.uk/"
RECORD_PAGES = {
    "mgai",
    "ielistdocuments",
    "iedecisiondetails",
    "mgdecisiondetails",
    "mgcommitteedetails",
    "ieissuedetails",
}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


def old_addresses():
    """Every page of the saved site by its own address, and every record page it links to."""
    found = set()
    for path in FOLDER.glob("*.html"):
        found.add(address_of(path, FOLDER, BASE))
        links = _Links()
        links.feed(path.read_text(encoding="utf-8"))
        found.update(BASE + href for href in links.hrefs if ".aspx" in href)
    pages = {url for url in found if re.search(r"/(\w+)\.aspx", url)[1].lower() in RECORD_PAGES}
    return sorted(pages)


def test_whole_site_imports_in_one_command_with_progress(capsys):
    call_command("import_moderngov", str(FOLDER), "--site")
    captured = capsys.readouterr()
    assert "[##############################] 10/10 attaching PDFs" in captured.err
    assert "9 of 9 file(s) imported." in captured.out
    assert "PDFs attached: 3, unchanged: 0." in captured.out
    assert "skipped: mgMemberIndex.aspx.html: not a page Minutebook imports" in captured.out
    assert "skipped: mgAi.aspx@ID=41022.html: merged into its meeting's page" in captured.out

    assert set(Committee.objects.values_list("name", flat=True)) == {
        "Riverford Cabinet",
        "Riverford Planning Committee",
    }
    assert Meeting.objects.count() == 4
    cabinet = Committee.objects.get(name="Riverford Cabinet")
    assert cabinet.support_officer.name == "Carys Bevan"
    assert dict(cabinet.memberships.values_list("person__name", "role")) == {
        "Maya Hollis": "chair",
        "Dev Anand": "vice_chair",
        "Ruth Kemble": "member",
    }
    shelters = AgendaItem.objects.get(external_id="mg-item-41022")
    # From the item's own page, merged into its meeting's list entry.
    assert shelters.number == "22"
    assert shelters.contact_officer.name == "Hana Price"
    assert shelters.topic.name == "Bus shelter renewal"
    assert [r.label for r in shelters.recommendations.all()] == [""]
    report = Document.objects.get(title="Bus shelter renewal report")
    assert report.file and report.content_type == "application/pdf" and report.size == 7572
    lease = AgendaItem.objects.get(external_id="mg-item-41024")
    assert (lease.is_exempt, lease.exempt_paragraph) == (True, 3)
    assert lease.declarations.get().person.name == "Dev Anand"
    decision = Decision.objects.get(external_id="mg-decision-901")
    assert (decision.item, decision.resolution) == (shelters, shelters.resolutions.get())
    assert decision.meeting == shelters.meeting and decision.is_key_decision
    officer = Decision.objects.get(external_id="mg-decision-902")
    assert (officer.kind, officer.meeting, officer.lead_officer.name) == (
        "officer",
        None,
        "Sunil Varma",
    )
    planning = Meeting.objects.get(external_id="mg-meeting-3201")
    # The printed minutes PDF adds who was present to the apologies the page lists.
    assert dict(planning.attendances.values_list("person__name", "status")) == {
        "Lina Haddad": "apologies",
        "Ruth Kemble": "substitute",
        "Tom Ashworth": "present",
    }
    assert Meeting.objects.get(external_id="mg-meeting-3102").minutes_status == "draft_published"


def test_importing_the_folder_twice_changes_nothing():
    first = import_site(FOLDER)
    assert not first.failed, [r.lines() for r in first.failed]
    before, state = counts(), stored_state()
    history = AgendaItem.history.count(), Decision.history.count(), Document.history.count()
    second = import_site(FOLDER)
    assert not second.failed
    assert not any(r.created or r.updated for r in second.files), [r.lines() for r in second.files]
    assert (second.attached, second.attached_unchanged) == (0, 3)
    assert counts() == before and stored_state() == state
    assert (AgendaItem.history.count(), Decision.history.count(), Document.history.count()) == (
        history
    )


def test_every_old_address_redirects_to_its_new_page(client):
    import_site(FOLDER)
    addresses = old_addresses()
    assert len(addresses) == 19  # 10 saved pages and 9 more items their pages link to
    for url in addresses:
        parts = urlparse(url)
        response = client.get(f"{parts.path}?{parts.query}")
        assert response.status_code == 301, url
        landing = client.get(response["Location"])
        assert landing.status_code == 200, (url, response["Location"])
    assert SourceAddress.objects.count() >= len(addresses)


@pytest.mark.parametrize(
    "path",
    ["/moderngov/mgAi.aspx?ID=41022", "/mgai.aspx?id=41022", "/MGAI.ASPX?Id=41022&bcr=1"],
)
def test_old_item_address_in_any_folder_and_case(client, path):
    import_site(FOLDER)
    response = client.get(path)
    assert response.status_code == 301
    assert (
        response["Location"]
        == AgendaItem.objects.get(external_id="mg-item-41022").get_absolute_url()
    )


def test_unknown_or_private_old_addresses_are_not_found(client):
    import_site(FOLDER)
    assert client.get("/mgAi.aspx?ID=99999").status_code == 404
    assert client.get("/mgAi.aspx").status_code == 404
    assert client.get("/ieListDocuments.aspx?MId=not-a-number").status_code == 404
    Committee.objects.filter(name="Riverford Planning Committee").update(is_public=False)
    assert client.get("/ieListDocuments.aspx?CId=22&MId=3201").status_code == 404
    assert client.get("/mgAi.aspx?ID=42013").status_code == 404


def test_dry_run_of_the_site_saves_nothing(settings):
    before = counts()
    site = import_site(FOLDER, dry_run=True)
    assert not site.failed and site.attached == 3
    assert all(r.dry_run and r.created for r in site.files if r.source != "html issue details page")
    assert counts() == before
    assert ImportReview.objects.count() == 0 and SourceAddress.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not any(media.rglob("*.pdf")) if media.exists() else True
