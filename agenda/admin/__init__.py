"""The clerk's editor: meetings, their items and everything on them."""

from agenda.admin import (  # noqa: F401  (registers ModelAdmins)
    agenda_templates,
    contributions,
    decisions,
    documents,
    items,
    meetings,
    notices,
    reviews,
    workflow,
)
