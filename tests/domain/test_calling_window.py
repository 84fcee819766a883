"""Calling windows in the callee's local time: zones, daylight saving, weekdays, the date line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from callcenter.calling_window import (
    callable_zone_groups,
    is_callable_at,
    opening_times,
    split_zones,
)

NINE, NINE_PM = 9 * 60, 21 * 60
EVERY_DAY = 0b1111111
MON_TO_FRI = 0b0011111


def local(zone: str, *args: int) -> datetime:
    """A local wall-clock moment in ``zone``, as UTC."""
    return datetime(*args, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def callable_in(zones: str, now: datetime, weekdays: int = EVERY_DAY, **kw) -> bool:
    return is_callable_at(split_zones(zones), now, NINE, NINE_PM, weekdays, **kw)


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(8, 59, False), (9, 0, True), (20, 59, True), (21, 0, False), (21, 1, False)],
)
def test_new_york_window_edges(hour, minute, expected):
    now = local("America/New_York", 2026, 11, 23, hour, minute)
    assert callable_in("America/New_York", now) is expected


def test_new_york_at_20_59_and_21_01_from_utc():
    # 20:59 in New York on 23 November (EST, UTC-5) is 01:59 UTC the next day.
    assert callable_in("America/New_York", datetime(2026, 11, 24, 1, 59, tzinfo=UTC))
    assert not callable_in("America/New_York", datetime(2026, 11, 24, 2, 1, tzinfo=UTC))


def test_new_york_spring_forward():
    # 13:30 UTC is 08:30 EST the day before the switch and 09:30 EDT on the day (8 March 2026).
    assert not callable_in("America/New_York", datetime(2026, 3, 7, 13, 30, tzinfo=UTC))
    assert callable_in("America/New_York", datetime(2026, 3, 8, 13, 30, tzinfo=UTC))


def test_new_york_fall_back():
    # 13:30 UTC is 09:30 EDT the day before and 08:30 EST on the day (1 November 2026).
    assert callable_in("America/New_York", datetime(2026, 10, 31, 13, 30, tzinfo=UTC))
    assert not callable_in("America/New_York", datetime(2026, 11, 1, 13, 30, tzinfo=UTC))
    # Evening edge after the switch: 20:59 EST is 01:59 UTC.
    assert callable_in("America/New_York", datetime(2026, 11, 2, 1, 59, tzinfo=UTC))
    assert not callable_in("America/New_York", datetime(2026, 11, 2, 2, 1, tzinfo=UTC))


def test_london_daylight_saving_changes():
    # British Summer Time starts 29 March 2026 and ends 25 October 2026.
    assert not callable_in("Europe/London", datetime(2026, 3, 28, 8, 30, tzinfo=UTC))
    assert callable_in("Europe/London", datetime(2026, 3, 29, 8, 30, tzinfo=UTC))
    assert callable_in("Europe/London", datetime(2026, 10, 24, 8, 30, tzinfo=UTC))
    assert not callable_in("Europe/London", datetime(2026, 10, 25, 8, 30, tzinfo=UTC))


def test_every_zone_of_a_group_must_allow_it():
    group = "America/New_York|America/Los_Angeles"
    # 14:00 UTC: 09:00 in New York, 06:00 in Los Angeles.
    assert callable_in("America/New_York", datetime(2026, 11, 23, 14, 0, tzinfo=UTC))
    assert not callable_in(group, datetime(2026, 11, 23, 14, 0, tzinfo=UTC))
    # 18:00 UTC: 13:00 and 10:00.
    assert callable_in(group, datetime(2026, 11, 23, 18, 0, tzinfo=UTC))
    # 02:30 UTC: 21:30 in New York, 18:30 in Los Angeles.
    assert not callable_in(group, datetime(2026, 11, 24, 2, 30, tzinfo=UTC))


def test_weekdays_are_local_days():
    saturday = local("Asia/Shanghai", 2026, 11, 28, 10, 0)
    friday = local("Asia/Shanghai", 2026, 11, 27, 10, 0)
    assert not callable_in("Asia/Shanghai", saturday, MON_TO_FRI)
    assert callable_in("Asia/Shanghai", friday, MON_TO_FRI)
    assert callable_in("Asia/Shanghai", saturday, EVERY_DAY)


def test_sydney_across_the_date_line():
    # Sunday 23:00 UTC is Monday 10:00 in Sydney (AEDT, UTC+11): a weekday there.
    sunday_utc = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    assert sunday_utc.weekday() == 6
    assert callable_in("Australia/Sydney", sunday_utc, MON_TO_FRI)
    # Friday 23:00 UTC is Saturday 10:00 in Sydney.
    assert not callable_in(
        "Australia/Sydney", datetime(2026, 11, 27, 23, 0, tzinfo=UTC), MON_TO_FRI
    )


def test_no_zone_uses_the_fallback_zone():
    afternoon_in_china = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai
    night_in_china = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)  # 22:30 in Shanghai
    assert is_callable_at((), afternoon_in_china, NINE, NINE_PM, EVERY_DAY)
    assert not is_callable_at((), night_in_china, NINE, NINE_PM, EVERY_DAY)
    # 14:30 UTC is 09:30 in New York.
    assert is_callable_at(
        (), night_in_china, NINE, NINE_PM, EVERY_DAY, fallback_zone="America/New_York"
    )


def test_an_unknown_zone_is_judged_in_the_fallback_zone():
    night_in_china = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
    assert not callable_in("Mars/Olympus_Mons", night_in_china)
    assert callable_in("Mars/Olympus_Mons", datetime(2026, 11, 23, 6, 30, tzinfo=UTC))


def test_a_window_over_midnight():
    late = local("Asia/Tokyo", 2026, 11, 23, 23, 30)
    early = local("Asia/Tokyo", 2026, 11, 24, 1, 30)
    noon = local("Asia/Tokyo", 2026, 11, 24, 12, 0)
    for moment, expected in ((late, True), (early, True), (noon, False)):
        assert is_callable_at(("Asia/Tokyo",), moment, 22 * 60, 2 * 60, EVERY_DAY) is expected


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError):
        is_callable_at(("Asia/Shanghai",), datetime(2026, 11, 23, 6, 30), NINE, NINE_PM, EVERY_DAY)


def test_callable_zone_groups_judges_each_group():
    now = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # 22:00 China, 09:00 New York, 14:00 London
    groups = [
        "Asia/Shanghai",
        "America/New_York",
        "America/New_York",
        "America/New_York|America/Chicago",  # 08:00 in Chicago
        "Europe/London",
        None,
        "",
    ]
    assert callable_zone_groups(groups, now, NINE, NINE_PM, EVERY_DAY) == {
        "America/New_York",
        "Europe/London",
    }
    with_fallback = callable_zone_groups(
        groups, now, NINE, NINE_PM, EVERY_DAY, fallback_zone="Europe/London"
    )
    assert with_fallback == {"America/New_York", "Europe/London", None, ""}


def test_split_zones():
    assert split_zones(None) == ()
    assert split_zones("") == ()
    assert split_zones("America/New_York|America/Chicago") == (
        "America/New_York",
        "America/Chicago",
    )


def test_windows_open_at_nine_local_time_across_the_spring_clock_change():
    after = datetime(2026, 3, 7, 0, 0, tzinfo=UTC)
    openings = opening_times(
        ("America/New_York",), after, after + timedelta(days=2), 9 * 60, 21 * 60, 0b1111111
    )
    # 09:00 EST on Saturday, then 09:00 EDT on Sunday (clocks went forward that night)
    assert openings == [
        datetime(2026, 3, 7, 14, 0, tzinfo=UTC),
        datetime(2026, 3, 8, 13, 0, tzinfo=UTC),
    ]


def test_a_number_in_two_zones_opens_when_the_later_zone_does():
    after = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    both = ("America/New_York", "America/Los_Angeles")
    openings = opening_times(both, after, after + timedelta(days=1), 9 * 60, 21 * 60, 0b1111111)
    assert openings == [datetime(2026, 11, 23, 17, 0, tzinfo=UTC)]  # 09:00 in Los Angeles
