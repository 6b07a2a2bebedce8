"""Random sequences of open / edit / save / autosave / publish by two clerks and a
manager never lose committed text, and a refused save always leaves the user's text."""

import datetime
import itertools

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from agenda import publishing
from agenda.models import AgendaItem, Meeting, TextDraft
from tests.agenda.admin_forms import change_form_data
from tests.factories import AgendaItemFactory, MeetingFactory, user_in_group

pytestmark = pytest.mark.django_db
WORDS = st.text(alphabet="abcdefghij ", min_size=1, max_size=12)
COUNTER = itertools.count()
OUTCOMES = {"saved": 0, "refused": 0}


def test_no_committed_text_is_ever_lost():
    clerks = [user_in_group("prop_a", "Clerk"), user_in_group("prop_b", "Clerk")]
    manager = user_in_group("prop_m", "Democratic services manager")

    class Editing(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            meeting = MeetingFactory(start=timezone.now() - datetime.timedelta(hours=2))
            self.item = AgendaItemFactory(meeting=meeting, minutes_text="<p>start</p>")
            self.url = reverse("admin:agenda_agendaitem_change", args=[self.item.pk])
            self.clients = []
            for user in clerks:
                client = Client()
                client.force_login(user)
                self.clients.append(client)
            self.forms = [None, None]  # what each clerk's open page would submit
            self.committed = []  # tokens of every save that succeeded

        @initialize()
        def open_both(self):
            for who in (0, 1):
                self.open_page(who)

        @rule(who=st.integers(0, 1))
        def open_page(self, who):
            self.forms[who] = change_form_data(self.clients[who].get(self.url))

        @rule(who=st.integers(0, 1), words=WORDS)
        def edit(self, who, words):
            if self.forms[who] is None:
                self.open_page(who)
            token = f"tok{next(COUNTER)}"
            self.forms[who]["minutes_text"] = f"<p>{token} {words.strip() or 'x'}</p>"

        @precondition(lambda self: any(self.forms))
        @rule(who=st.integers(0, 1), words=WORDS)
        def autosave(self, who, words):
            if self.forms[who] is None:
                return
            text = f"<p>draft {words}</p>"
            response = self.clients[who].post(
                reverse("admin:agenda_agendaitem_autosave", args=[self.item.pk]),
                {"field": "minutes_text", "text": text},
            )
            assert response.status_code == 200
            assert (
                TextDraft.objects.get(
                    user=clerks[who], object_id=self.item.pk, field_name="minutes_text"
                ).text
                == text
            )

        @precondition(lambda self: any(self.forms))
        @rule(who=st.integers(0, 1))
        def save(self, who):
            data = self.forms[who]
            if data is None:
                return
            mine = data["minutes_text"]
            response = self.clients[who].post(self.url, data)
            if response.status_code == 302:
                OUTCOMES["saved"] += 1
                self.committed.append(mine)
                assert AgendaItem.objects.get(pk=self.item.pk).minutes_text == mine
                # "Save and continue editing": the page reloads at the new version.
                self.open_page(who)
            else:
                assert response.status_code == 200
                form = response.context["adminform"].form
                assert form.errors, "a refused save must say why"
                OUTCOMES["refused"] += 1
                # The user's text is still in the form they see.
                assert form["minutes_text"].value() == mine
                self.forms[who] = change_form_data(response)

        @rule()
        def publish(self):
            meeting = Meeting.objects.get(pk=self.item.meeting_id)
            if meeting.agenda_status == Meeting.AgendaStatus.DRAFT:
                publishing.run("publish_agenda", meeting, manager, urgency_reason="Test.")
            elif meeting.status == Meeting.Status.SCHEDULED:
                publishing.run("record_held", meeting, manager)
            elif meeting.minutes_status == Meeting.MinutesStatus.DRAFT:
                publishing.run("publish_draft_minutes", meeting, manager)

        @invariant()
        def nothing_committed_is_lost(self):
            current = AgendaItem.objects.get(pk=self.item.pk).minutes_text
            kept = set(
                AgendaItem.history.filter(id=self.item.pk).values_list("minutes_text", flat=True)
            )
            for text in self.committed:
                assert text == current or text in kept

    run_state_machine_as_test(
        Editing,
        settings=settings(
            max_examples=10,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    # The run exercised both outcomes, so the properties above were really tested.
    assert OUTCOMES["saved"] and OUTCOMES["refused"], OUTCOMES
