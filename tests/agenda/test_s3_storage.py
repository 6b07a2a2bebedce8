"""Files in an S3 bucket (STORAGE_BACKEND=s3), against a real local S3 server (moto in
server mode, on a free port): stored objects are private; a public document has a public
copy named by its content hash and cached for a year; an unpublished, exempt or hidden
document has none; the editor gets signed, short-lived URLs."""

import datetime
import urllib.error
import urllib.request
import uuid
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit, urlunsplit

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda import publishing
from agenda.models import Document, Meeting
from agenda.printing.simple_pdf import make_pdf
from agenda.publishing import public_files
from tests.admin_objects import admin_url
from tests.agenda.admin_forms import change_form_data
from tests.factories import AgendaItemFactory, DocumentFactory, MeetingFactory, publish

pytestmark = pytest.mark.django_db

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.fixture(scope="session")
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(settings, s3_server):
    """A fresh bucket, and the site storing its files there."""
    bucket = f"minutebook-{uuid.uuid4().hex[:12]}"
    keys = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **keys)
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "minutes_site.s3_storage.DocumentS3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
            },
        },
    }
    settings.SIGNED_URL_SECONDS = 120
    return SimpleNamespace(client=client, bucket=bucket, endpoint=s3_server)


def keys(s3, prefix=""):
    listing = s3.client.list_objects_v2(Bucket=s3.bucket, Prefix=prefix)
    return sorted(entry["Key"] for entry in listing.get("Contents", []))


def anonymous_get(url):
    """(status, body, headers) of a plain unauthenticated GET, as any visitor would send."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local S3)
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, b"", error.headers


def object_url(s3, key):
    return f"{s3.endpoint}/{s3.bucket}/{key}"


def readable_by_everyone(s3, key):
    grants = s3.client.get_object_acl(Bucket=s3.bucket, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI") == ALL_USERS for grant in grants)


def pdf(title):
    return ContentFile(make_pdf(title, [f"{title}: the figures."]), name="report.pdf")


def test_upload_publish_and_download_through_the_app(
    s3, clerk_client, manager, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=20))
    item = AgendaItemFactory(meeting=meeting, title="Library opening hours")
    page = clerk_client.get(admin_url(type(item), "change", item.pk))
    data = change_form_data(page)
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Opening hours report",
            "documents-0-kind": "report",
            "documents-0-position": "1",
            "documents-0-file": ContentFile(make_pdf("Hours", ["Open late."]), name="hours.pdf"),
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(admin_url(type(item), "change", item.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    document = Document.objects.get(title="Opening hours report")

    # Stored in the bucket, private, under a random name; nothing public yet.
    stored = document.file.name
    assert stored in keys(s3, "documents/")
    assert anonymous_get(object_url(s3, stored))[0] == 403
    assert not readable_by_everyone(s3, stored)
    assert keys(s3, "public/") == []
    assert Client().get(document.get_absolute_url()).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        publishing.run("publish_agenda", meeting, manager)
    meeting.refresh_from_db()
    assert meeting.agenda_is_public
    document.refresh_from_db()

    # The public address redirects to the public copy, named by the file's content hash.
    response = Client().get(document.get_absolute_url())
    assert response.status_code == 302
    assert response["Cache-Control"] == "public, max-age=300"
    copy = public_files.public_name(document)
    hashed = f"{document.sha256[:16]}/{document.download_name}"
    assert copy == f"public/{meeting.pk}/{document.pk}/{hashed}"
    assert response["Location"] == object_url(s3, copy)
    status, body, headers = anonymous_get(response["Location"])
    assert status == 200
    assert body == document.file.open("rb").read()
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == "application/pdf"
    # The stored original stays private; the printed copies went public too.
    assert anonymous_get(object_url(s3, stored))[0] == 403
    pack = Client().get(reverse("agenda:meeting_pack_pdf", kwargs={"slug": meeting.slug}))
    assert pack.status_code == 302
    status, body, _ = anonymous_get(pack["Location"])
    assert status == 200
    assert body.startswith(b"%PDF-")


def test_unpublished_and_exempt_documents_have_no_public_copy(
    s3, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    public = DocumentFactory(item=AgendaItemFactory(meeting=meeting), file=pdf("Open"))
    exempt = DocumentFactory(item=public.item, is_exempt=True, file=pdf("Confidential"))
    exempt_item = AgendaItemFactory(meeting=meeting, is_exempt=True, exempt_paragraph="3")
    on_exempt_item = DocumentFactory(item=exempt_item, file=pdf("Valuation"))
    publish(meeting)
    draft = DocumentFactory(item=public.item, file=pdf("Late report"))  # after publication
    with django_capture_on_commit_callbacks(execute=True):
        public_files.meetings_changed([meeting.pk])

    public.refresh_from_db()
    assert keys(s3, "public/") == [public_files.public_name(public)]
    for document in (exempt, on_exempt_item, draft):
        document.refresh_from_db()
        assert Client().get(document.get_absolute_url()).status_code == 404
        assert anonymous_get(object_url(s3, document.file.name))[0] == 403
        assert not readable_by_everyone(s3, document.file.name)
        # Not even a guess at where its copy would be finds anything.
        assert anonymous_get(object_url(s3, public_files.public_name(document)))[0] in (403, 404)


def test_a_document_made_exempt_loses_its_public_copy(
    s3, clerk, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(start=timezone.now() + datetime.timedelta(days=20))
    document = DocumentFactory(item=AgendaItemFactory(meeting=meeting), file=pdf("Sale"))
    publish(meeting)
    document.refresh_from_db()
    url = Client().get(document.get_absolute_url())["Location"]
    assert anonymous_get(url)[0] == 200

    with django_capture_on_commit_callbacks(execute=True):
        publishing.run(
            "exempt_document", meeting, clerk, document=document, reason="Commercial terms."
        )
    assert Client().get(document.get_absolute_url()).status_code == 404
    assert anonymous_get(url)[0] in (403, 404)
    assert public_files.public_name(document) not in keys(s3, "public/")


def test_a_replaced_file_gets_a_new_name_and_the_old_copy_goes(
    s3, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    document = DocumentFactory(item=AgendaItemFactory(meeting=meeting), file=pdf("First"))
    publish(meeting)
    document.refresh_from_db()
    first = Client().get(document.get_absolute_url())["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        document.file = pdf("Second version")
        document.save()
    second = Client().get(document.get_absolute_url())["Location"]
    assert first != second
    assert anonymous_get(first)[0] in (403, 404)
    status, body, _ = anonymous_get(second)
    assert status == 200
    assert body == document.file.open("rb").read()
    assert keys(s3, f"public/{meeting.pk}/") == [public_files.public_name(document)]


def test_a_committee_made_private_loses_its_public_copies(s3, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    document = DocumentFactory(item=AgendaItemFactory(meeting=meeting), file=pdf("Open"))
    publish(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        public_files.meetings_changed([meeting.pk])
    assert keys(s3, "public/")
    committee = meeting.committee
    with django_capture_on_commit_callbacks(execute=True):
        committee.is_public = False
        committee.save()
    assert keys(s3, "public/") == []
    assert Client().get(document.get_absolute_url()).status_code == 404


def test_the_editor_gets_a_signed_short_lived_url(s3, clerk_client, settings):
    meeting = MeetingFactory()
    exempt = DocumentFactory(
        item=AgendaItemFactory(meeting=meeting), is_exempt=True, file=pdf("Exempt")
    )
    publish(meeting)
    preview = reverse("editor_document_file", args=[exempt.pk])
    assert reverse("admin:login") in Client().get(preview)["Location"]

    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    response = clerk_client.get(preview)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    url = response["Location"]
    query = parse_qs(urlsplit(url).query)
    assert "X-Amz-Signature" in query
    # Valid for SIGNED_URL_SECONDS from when it was made, and no longer (S3 enforces it).
    assert query["X-Amz-Expires"] == [str(settings.SIGNED_URL_SECONDS)]
    signed_at = datetime.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")
    signed_at = signed_at.replace(tzinfo=datetime.UTC)
    assert before - datetime.timedelta(seconds=1) <= signed_at <= before + datetime.timedelta(5)
    status, body, headers = anonymous_get(url)
    assert status == 200
    assert body == exempt.file.open("rb").read()
    assert headers["Cache-Control"] == "private, no-store"
    # Without its signature the same address is refused, and no public copy was made.
    assert anonymous_get(urlunsplit(urlsplit(url)._replace(query="")))[0] == 403
    assert keys(s3, "public/") == []


def test_sync_public_files_removes_strays_and_makes_missing_copies(s3):
    meeting = MeetingFactory()
    document = DocumentFactory(item=AgendaItemFactory(meeting=meeting), file=pdf("Open"))
    publish(meeting)
    document.refresh_from_db()
    gone = Meeting.objects.count() + 1000
    for stray in (f"public/{gone}/1/abc/x.pdf", f"public/{meeting.pk}/999/abc/y.pdf"):
        s3.client.put_object(Bucket=s3.bucket, Key=stray, Body=b"old", ACL="public-read")
    call_command("sync_public_files", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert keys(s3, "public/") == [public_files.public_name(document)]
    assert readable_by_everyone(s3, public_files.public_name(document))


def test_healthz_checks_the_bucket(s3, settings):
    assert Client().get("/healthz").json()["storage"] is True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "bucket_name": "no-such-one"},
        },
    }
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"] is False
    assert "no-such-one" not in response.content.decode()


def test_a_bucket_failure_after_commit_is_queued_for_the_worker(
    s3, settings, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from botocore.exceptions import ClientError
    from django.core.files.storage import default_storage

    from agenda.publishing.tasks import sync_public_files

    meeting = MeetingFactory()
    DocumentFactory(item=AgendaItemFactory(meeting=meeting), file=pdf("Open"))
    publish(meeting)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def refuse(*args, **kwargs):
        raise ClientError({"Error": {"Code": "SlowDown", "Message": "busy"}}, "CopyObject")

    monkeypatch.setattr(type(default_storage._wrapped), "put_public_copy", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        public_files.meetings_changed([meeting.pk])
    queued = sync_public_files.get_backend().results
    assert [result.args for result in queued] == [[[meeting.pk]]]
    assert "not brought up to date" in caplog.text
