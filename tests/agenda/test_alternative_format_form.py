"""The alternative-format form, laid out by crispy-forms: every error in the summary links
to its field, and each field names its help text and its error for screen readers."""

import re

from django.urls import reverse


def test_error_summary_links_reach_fields_that_describe_their_errors(client, settings, db):
    settings.COUNCIL = {**settings.COUNCIL, "accessibility_email": "access@example.org"}
    response = client.post(reverse("agenda:alternative_format"), {"email": "not-an-email"})
    page = response.content.decode()
    targets = re.findall(r'<li><a href="#([^"]+)">', page)
    assert set(targets) == {"id_name", "id_email", "id_document", "id_format_0"}
    for target in targets:
        assert f'id="{target}"' in page, target
    email = re.search(r"<input[^>]*id=\"id_email\"[^>]*>", page).group(0)
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="id_email_helptext id_email_error"' in email
    assert "<legend" in page and "Format you need" in page  # radios grouped in a fieldset
    assert page.count('name="csrfmiddlewaretoken"') == 1
