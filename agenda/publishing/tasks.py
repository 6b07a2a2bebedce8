"""Tasks of the publishing room, run by the worker (`manage.py db_worker`)."""

from django_tasks import task


@task()
def complete_publication(publication_id):
    """Render a requested publication's outputs and make it public (see background.py)."""
    from agenda.publishing.background import complete

    result = complete(publication_id)
    return None if result is None else result.after
