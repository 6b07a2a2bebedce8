"""The clerk's editor: meetings, their items and everything on them."""

from agenda.admin import documents, items, meetings, reviews, workflow  # noqa: F401  (registers)
