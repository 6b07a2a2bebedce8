"""Public copies of public documents, when files live in an S3 bucket.

In the bucket every stored file is private. A document the public may see (the one rule:
`PublicScope().documents()`, agenda/visibility.py) also gets a public copy at

    public/<meeting id>/<document id>/<first 16 hex of its SHA-256>/<file name>

readable by anyone and cached for a year: the name changes whenever the file does, so no
cache can serve an old version. The public download addresses of the site stay what they
were (`/documents/<id>/<name>`, `/meetings/<slug>/agenda.pdf`); they check visibility and
redirect to the copy. A document that is not public has no copy, so it has no public URL:

- every publishing step's effects re-sync the meeting once its transaction commits
  (`after_publish`, effects.py): copies of what went public are made, copies of what
  stopped being public (withdrawn, made exempt, replaced, a committee made private) are
  deleted;
- a saved or deleted document and a committee whose publicity changes re-sync too
  (signals, connected in AgendaConfig.ready);
- a download makes a missing copy (a document published for a later moment) after the
  visibility check, and checks again afterwards so a step committing meanwhile cannot
  leave a copy behind;
- `manage.py sync_public_files` re-syncs everything (after restoring a backup, say).

With the local file storage (one machine) none of this runs: files are streamed by the
views, as before.
"""

import logging

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from agenda.models import Document, Meeting
from agenda.visibility import PublicScope
from minutes_site.storage import PUBLIC_PREFIX, storage_errors

logger = logging.getLogger(__name__)

# How long this process trusts that a public copy exists before asking the bucket again.
KNOWN_SECONDS = 300
INLINE_TYPES = {"application/pdf"}


def enabled():
    """Whether files live where public copies are made (the S3 storage)."""
    return hasattr(default_storage, "put_public_copy")


def filename(document):
    """The name a download is saved under: the printed copies' stable names, else the
    document's own."""
    if document.is_generated and document.item_id is None and document.original_filename:
        return document.original_filename
    return document.download_name


def meeting_prefix(meeting_id):
    return f"{PUBLIC_PREFIX}{meeting_id}/"


def document_prefix(meeting_id, document_id):
    return f"{meeting_prefix(meeting_id)}{document_id}/"


def public_name(document):
    """Where `document`'s public copy lives (whether or not it has one)."""
    prefix = document_prefix(document.meeting_id, document.pk)
    return f"{prefix}{document.sha256[:16]}/{filename(document)}"


def _known_key(name):
    return f"public-file:{name}"


def _put(document, name):
    content_type = document.content_type or "application/octet-stream"
    default_storage.put_public_copy(
        document.file.name,
        name,
        filename=filename(document),
        content_type=content_type,
        inline=content_type in INLINE_TYPES,
    )
    cache.set(_known_key(name), True, KNOWN_SECONDS)


def _delete(names):
    if names:
        default_storage.delete_public(names)
        cache.delete_many([_known_key(name) for name in names])
        logger.info("Public copies removed: %s", ", ".join(sorted(names)))


def _public_documents():
    return PublicScope().documents().exclude(file="").exclude(sha256="")


def sync_meetings(meeting_ids):
    """Make the public copies of these meetings' documents exactly the public ones.
    Deletes first: what is no longer public goes before anything new appears."""
    if not enabled():
        return
    for meeting_id in meeting_ids:
        wanted = {
            public_name(document): document
            for document in _public_documents().filter(meeting_id=meeting_id)
        }
        present = set(default_storage.public_names(meeting_prefix(meeting_id)))
        _delete(present - set(wanted))
        for name in set(wanted) - present:
            _put(wanted[name], name)


def sync_document(meeting_id, document_id):
    """The same for one document (it may have been deleted meanwhile)."""
    if not enabled():
        return
    document = _public_documents().filter(pk=document_id, meeting_id=meeting_id).first()
    wanted = {public_name(document)} if document is not None else set()
    present = set(default_storage.public_names(document_prefix(meeting_id, document_id)))
    _delete(present - wanted)
    for name in wanted - present:
        _put(document, name)


def sync_all():
    """Every public copy in the bucket, checked against the rule (`sync_public_files`).
    Returns (meetings checked, copies removed as orphans)."""
    if not enabled():
        return 0, 0
    meeting_ids = set(Meeting.objects.values_list("pk", flat=True))
    orphans = []
    for name in default_storage.public_names(PUBLIC_PREFIX):
        head = name[len(PUBLIC_PREFIX) :].split("/", 1)[0]
        if not head.isdigit() or int(head) not in meeting_ids:
            orphans.append(name)
    _delete(orphans)
    sync_meetings(sorted(meeting_ids))
    return len(meeting_ids), len(orphans)


def public_url(document):
    """The public copy's address for a document the caller has just found public, making
    the copy if it is missing; None with the local file storage (stream it instead)."""
    if not enabled():
        return None
    name = public_name(document)
    if not cache.get(_known_key(name)):
        _put(document, name)
        # Checked again after the copy exists: a step that hid the document and committed
        # meanwhile has either been seen here, or its re-sync lists (and deletes) this copy.
        if not _public_documents().filter(pk=document.pk, sha256=document.sha256).exists():
            _delete([name])
            return None
    return default_storage.public_url(name)


def signed_url(document, *, filename=None):
    """A short-lived signed address for the editor; None with the local file storage."""
    if not enabled() or not document.file:
        return None
    content_type = document.content_type or "application/octet-stream"
    return default_storage.signed_url(
        document.file.name,
        filename=filename or document.download_name,
        content_type=content_type,
        inline=content_type in INLINE_TYPES,
    )


# ------------------------------------------------------------------ after each commit


def _safely(meeting_ids, sync, *args):
    """Run a re-sync; a bucket that fails now is logged and the worker tries again."""
    try:
        sync(*args)
    except storage_errors():
        logger.exception("Public copies of meetings %s not brought up to date", meeting_ids)
        from agenda.publishing.tasks import sync_public_files

        sync_public_files.enqueue(list(meeting_ids))


def meetings_changed(meeting_ids):
    """Re-sync these meetings' public copies once the current transaction commits."""
    if enabled() and meeting_ids:
        ids = sorted(set(meeting_ids))
        transaction.on_commit(lambda: _safely(ids, sync_meetings, ids))


def _document_saved(sender, instance, **kwargs):
    if enabled() and instance.meeting_id:
        ids = (instance.meeting_id, instance.pk)
        transaction.on_commit(lambda: _safely(ids[:1], sync_document, *ids))


def _committee_saving(sender, instance, **kwargs):
    if enabled() and instance.pk:
        before = sender._base_manager.filter(pk=instance.pk).values_list("is_public", flat=True)
        instance._public_before = before.first()


def _committee_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_public_before", None)
    if enabled() and not created and before is not None and before != instance.is_public:
        meetings_changed(Meeting.objects.filter(committee=instance).values_list("pk", flat=True))


def connect():
    from committees.models import Committee

    post_save.connect(_document_saved, sender=Document, dispatch_uid="public_files_doc_save")
    post_delete.connect(_document_saved, sender=Document, dispatch_uid="public_files_doc_del")
    pre_save.connect(_committee_saving, sender=Committee, dispatch_uid="public_files_cttee_pre")
    post_save.connect(_committee_saved, sender=Committee, dispatch_uid="public_files_cttee")
