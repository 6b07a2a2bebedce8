"""Dates written portably (committees.dates): no glibc-only strftime flags anywhere."""

import datetime
import re
import zoneinfo
from pathlib import Path

from committees.dates import clock, day_date, long_date

LONDON = zoneinfo.ZoneInfo("Europe/London")
REPO = Path(__file__).resolve().parents[2]


def test_dates_without_leading_zeros():
    moment = datetime.datetime(2021, 6, 7, 18, 0, tzinfo=LONDON)
    assert long_date(moment) == "7 June 2021"
    assert day_date(moment) == "Monday 7 June 2021"
    assert long_date(datetime.date(2021, 6, 17)) == "17 June 2021"


def test_datetimes_are_shown_in_the_councils_zone(settings):
    settings.TIME_ZONE = "Europe/London"
    utc = datetime.datetime(2021, 6, 17, 23, 30, tzinfo=datetime.UTC)  # 00.30 on the 18th
    assert long_date(utc) == "18 June 2021"
    assert clock(utc) == "12.30am"


def test_clock():
    def at(hour, minute):
        return clock(datetime.datetime(2021, 6, 17, hour, minute, tzinfo=LONDON))

    assert at(18, 0) == "6.00pm"
    assert at(0, 5) == "12.05am"
    assert at(12, 0) == "12.00pm"
    assert at(9, 45) == "9.45am"


def test_no_strftime_flags_that_windows_and_musl_lack():
    flag = re.compile(r"%-[a-zA-Z]")
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("agenda", "committees", "minutes_site", "templates", "bench", "tests")
        for path in (REPO / folder).rglob("*")
        if path.suffix in {".py", ".html", ".txt"}
        and path != Path(__file__).resolve()
        and flag.search(path.read_text(errors="ignore"))
    ]
    assert offenders == []
