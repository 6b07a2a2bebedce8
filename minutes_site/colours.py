"""Colour arithmetic so a council's chosen colour always gets readable text (WCAG 4.5:1)."""

import re

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def _channel(value):
    value = value / 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour):
    match = _HEX.match(hex_colour.strip())
    if not match:
        raise ValueError(f"Not a #rrggbb colour: {hex_colour!r}")
    digits = match.group(1)
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_colour(background):
    """Black or white, whichever contrasts more with the background (white if unparseable)."""
    try:
        on_white = contrast_ratio(background, "#ffffff")
        on_black = contrast_ratio(background, "#000000")
    except ValueError:
        return "#ffffff"
    return "#ffffff" if on_white >= on_black else "#000000"
