from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Meetings and business"

    def ready(self):
        # The search index follows every write of what it indexes, on commit.
        from agenda.search import signal_handlers

        signal_handlers.connect()
        # With files in a bucket, public copies follow saved documents and committees.
        from agenda.publishing import public_files

        public_files.connect()
        # Cached public pages follow every write of what they show (agenda/caching).
        from agenda.caching import dependencies

        dependencies.connect()
