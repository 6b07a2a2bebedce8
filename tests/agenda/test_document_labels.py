import pytest
from django.template.defaultfilters import filesizeformat

from agenda.models import Document

SIZES = [0, 1, 2, 1023, 1024, 1025, 1536, 10239, 10240, 1048575, 1048576, 1572864, 123456789]


@pytest.mark.parametrize("size", [*SIZES, 5 * 1024**3, 3 * 1024**4, 2 * 1024**5])
def test_size_label_says_what_filesizeformat_says(size):
    assert Document(size=size).size_label == filesizeformat(size)


def test_a_document_without_a_size_reads_as_nothing():
    assert Document(size=None).size_label == filesizeformat(0)
