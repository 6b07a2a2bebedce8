"""Tasks of the publishing room, run by the worker (`manage.py db_worker`)."""

from django_tasks import task


@task()
def complete_publication(publication_id):
    """Render a requested publication's outputs and make it public (see background.py)."""
    from agenda.publishing.background import complete

    result = complete(publication_id)
    return None if result is None else result.after


@task()
def sync_public_files(meeting_ids=None):
    """Bring the bucket's public copies in line with what is public (public_files.py):
    these meetings, or every one. A no-op with the local file storage."""
    from agenda.publishing import public_files

    if meeting_ids is None:
        public_files.sync_all()
    else:
        public_files.sync_meetings(meeting_ids)


@task()
def refresh_search(meeting_ids):
    """Re-index these meetings once (an import's, queued by background.refresh_search_later)."""
    from agenda.search.indexing import refresh_search_for_meetings

    refresh_search_for_meetings(meeting_ids)
