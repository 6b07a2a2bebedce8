"""Build the POST a browser would send from an admin change page, for tests."""

import datetime

from django.forms import MultiWidget
from django.utils import timezone


def change_form_data(response):
    """Every field of the admin form and its inline formsets, as currently shown."""
    context = response.context
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, datetime.datetime):
                # The admin splits date and time into two inputs.
                local = timezone.localtime(value) if timezone.is_aware(value) else value
                data[f"{field.html_name}_0"] = f"{local:%Y-%m-%d}"
                data[f"{field.html_name}_1"] = f"{local:%H:%M:%S}"
            elif isinstance(field.field.widget, MultiWidget):
                # A re-rendered (bound) form gives the split inputs' values as a list.
                for index, part in enumerate(value):
                    data[f"{field.html_name}_{index}"] = "" if part is None else str(part)
            elif value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = str(value)
    return data
