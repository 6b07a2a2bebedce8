"""Template context shared by every page: the council's identity."""

from django.conf import settings

from minutes_site.colours import readable_text_colour


def council(request):
    brand = dict(settings.COUNCIL)
    brand["text_on_colour"] = readable_text_colour(brand["colour"])
    return {"council": brand}
