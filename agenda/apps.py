from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Meetings and business"

    def ready(self):
        # The search index follows every write of what it indexes, on commit.
        from agenda.search import signal_handlers

        signal_handlers.connect()
        # Cached public pages follow every write of what they show (agenda/caching).
        from agenda.caching import dependencies

        dependencies.connect()
