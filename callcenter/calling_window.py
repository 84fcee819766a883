"""When a number may be called: the list's calling window in the callee's local time.

A call list allows calls from ``window_start_minute`` (inclusive) to ``window_end_minute``
(exclusive), minutes after local midnight, on the weekdays of its ``weekdays`` bitmask (bit 0 =
Monday … bit 6 = Sunday). A number may lie in several time zones (a US toll-free number, a
Russian mobile): it is callable only when *every* one of them allows it. A number without a
known zone is judged in ``fallback_zone`` (the call center's own zone). A window whose end is
before its start runs over midnight (e.g. 22:00–02:00); the weekday is the local day at the
moment of the call.

Local times come from ``zoneinfo``, so daylight-saving changes are exact.

Qt-free: this module must not import PySide6.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DEFAULT_FALLBACK_ZONE",
    "callable_zone_groups",
    "is_callable_at",
    "opening_times",
    "split_zones",
]

log = logging.getLogger(__name__)

DEFAULT_FALLBACK_ZONE = "Asia/Shanghai"
ZONE_SEPARATOR = "|"


@lru_cache(maxsize=1024)
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r: judged in the fallback zone", name)
        return None


def split_zones(group: str | None) -> tuple[str, ...]:
    """``"America/New_York|America/Chicago"`` → its zones; ``None`` or ``""`` → ``()``."""
    if not group:
        return ()
    return tuple(zone for zone in (part.strip() for part in group.split(ZONE_SEPARATOR)) if zone)


def _allows(
    zone: ZoneInfo, now_utc: datetime, start_minute: int, end_minute: int, weekdays: int
) -> bool:
    local = now_utc.astimezone(zone)
    if not weekdays >> local.weekday() & 1:
        return False
    minute = local.hour * 60 + local.minute
    if start_minute <= end_minute:
        return start_minute <= minute < end_minute
    return minute >= start_minute or minute < end_minute  # over midnight


def is_callable_at(
    zones: Sequence[str],
    now_utc: datetime,
    window_start_minute: int,
    window_end_minute: int,
    weekdays: int,
    *,
    fallback_zone: str = DEFAULT_FALLBACK_ZONE,
) -> bool:
    """Whether every zone of ``zones`` is inside the window at ``now_utc`` (aware).

    ``zones`` empty (or only unknown zone names) → judged in ``fallback_zone``.
    """
    if now_utc.tzinfo is None:
        raise ValueError("now_utc must be timezone-aware")
    now_utc = now_utc.astimezone(UTC)
    known = [zone for zone in (_zone(name) for name in zones) if zone is not None]
    if len(known) < len(zones) or not known:
        fallback = _zone(fallback_zone)
        if fallback is None:
            raise ValueError(f"unknown fallback time zone {fallback_zone!r}")
        known.append(fallback)
    return all(
        _allows(zone, now_utc, window_start_minute, window_end_minute, weekdays) for zone in known
    )


def callable_zone_groups(
    groups: Iterable[str | None],
    now_utc: datetime,
    window_start_minute: int,
    window_end_minute: int,
    weekdays: int,
    *,
    fallback_zone: str = DEFAULT_FALLBACK_ZONE,
) -> set[str | None]:
    """The ``"|"``-joined zone groups (as stored in ``leads.time_zones``) callable now.

    Each distinct group is judged once; ``None`` and ``""`` (no known zone) are judged in
    ``fallback_zone`` and returned as they were given.
    """
    return {
        group
        for group in set(groups)
        if is_callable_at(
            split_zones(group),
            now_utc,
            window_start_minute,
            window_end_minute,
            weekdays,
            fallback_zone=fallback_zone,
        )
    }


def opening_times(
    zones: Sequence[str],
    after_utc: datetime,
    until_utc: datetime,
    window_start_minute: int,
    window_end_minute: int,
    weekdays: int,
    *,
    fallback_zone: str = DEFAULT_FALLBACK_ZONE,
) -> list[datetime]:
    """The moments in (``after_utc``, ``until_utc``] (aware, in UTC) when a number in
    ``zones`` may start to be called, in order: a zone's window opening, or local midnight
    (a window over midnight opens with an allowed weekday), kept when :func:`is_callable_at`
    says every zone allows it then.

    A window opening inside a daylight-saving gap (02:30 on the night clocks jump from 02:00
    to 03:00) is given at the local time it maps to (03:30), half an hour late at worst.
    """
    # the zones is_callable_at judges in: the known ones, and the fallback zone when a name
    # is unknown (or none is given)
    names = [zone for zone in zones if _zone(zone) is not None]
    if len(names) < len(zones) or not names:
        names.append(fallback_zone)
    found: set[datetime] = set()
    for name in names:
        zone = _zone(name)
        if zone is None:
            raise ValueError(f"unknown fallback time zone {fallback_zone!r}")
        day = after_utc.astimezone(zone).date() - timedelta(days=1)
        last = until_utc.astimezone(zone).date()
        while day <= last:
            midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
            for minute in {window_start_minute, 0}:
                moment = (midnight + timedelta(minutes=minute)).astimezone(UTC)
                if after_utc < moment <= until_utc:
                    found.add(moment)
            day += timedelta(days=1)
    return sorted(
        moment
        for moment in found
        if is_callable_at(
            zones,
            moment,
            window_start_minute,
            window_end_minute,
            weekdays,
            fallback_zone=fallback_zone,
        )
    )
