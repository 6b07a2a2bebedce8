"""crispy-forms for the editor's own forms, laid out the way Django's admin lays out its
fields (the "editor" template pack, templates/editor/): labels, help text tied to the
input by aria-describedby, errors above the field, radio groups in a fieldset."""

from crispy_forms.helper import FormHelper

TEMPLATE_PACK = "editor"


def editor_helper(*, form_tag=False):
    """A helper for a form that sits inside a page's own <form> (the token is the page's)."""
    helper = FormHelper()
    helper.template_pack = TEMPLATE_PACK
    helper.form_tag = form_tag
    helper.disable_csrf = not form_tag
    return helper
