"""Keep search vectors inside their table rows rather than in the TOAST table.

A document's vector (a few KB) was stored out of line, so ranking or phrase-checking it
cost two more lookups per row. Vectors now stay in the row whenever it fits in a page
(storage MAIN); the long text is still moved out first. Vectors already moved out are
rewritten once, here."""

from django.db import migrations

INLINE = "ALTER TABLE agenda_searchentry ALTER COLUMN vector SET STORAGE MAIN"
OUT_OF_LINE = "ALTER TABLE agenda_searchentry ALTER COLUMN vector SET STORAGE EXTENDED"
# Appending an empty vector makes a new value, which the new storage rule then places.
REWRITE = (
    "UPDATE agenda_searchentry SET vector = vector || ''::tsvector "
    "WHERE pg_column_size(vector) > 1800"
)


def keep_vectors_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite stores no vectors
        schema_editor.execute(INLINE)
        schema_editor.execute(REWRITE)


def move_vectors_out(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OUT_OF_LINE)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0009_search_outlying_dates_index"),
    ]

    operations = [migrations.RunPython(keep_vectors_inline, move_vectors_out)]
