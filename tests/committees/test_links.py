import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from committees.links import link

CASES = [
    ("agenda:item_detail", {"pk": 7}),
    ("agenda:item_detail", {"pk": 123456789}),
    ("agenda:document_download", {"pk": 42, "filename": "budget-report.pdf"}),
    ("agenda:document_download", {"pk": 1, "filename": "a_b~c.docx"}),
    ("agenda:meeting_pack_pdf", {"slug": "planning-committee-2026-03-04"}),
    ("committees:person_detail", {"slug": "cllr-jane-doe"}),
    ("agenda:home", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), CASES)
def test_link_gives_what_reverse_gives(name, kwargs):
    assert link(name, **kwargs) == reverse(name, kwargs=kwargs)
    # Twice: the second answer comes from the kept template.
    assert link(name, **kwargs) == reverse(name, kwargs=kwargs)


def test_values_that_need_quoting_go_through_reverse():
    name, kwargs = "agenda:document_download", {"pk": 3, "filename": "rapport d’été.pdf"}
    assert link(name, **kwargs) == reverse(name, kwargs=kwargs)
    assert "%" in link(name, **kwargs)


def test_a_value_its_converter_refuses_raises_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        link("committees:person_detail", slug="not a slug")
    with pytest.raises(NoReverseMatch):
        link("agenda:document_download", pk=3, filename="a/b.pdf")


def test_the_script_prefix_is_honoured():
    try:
        set_script_prefix("/democracy/")
        address = link("agenda:item_detail", pk=9)
        assert address == reverse("agenda:item_detail", kwargs={"pk": 9})
        assert address.startswith("/democracy/")
    finally:
        set_script_prefix("/")
    assert link("agenda:item_detail", pk=9) == reverse("agenda:item_detail", kwargs={"pk": 9})
