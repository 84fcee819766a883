"""Phone numbers of imported rows: :func:`callcenter.phones.normalize`, fast enough for big files.

``normalize`` takes about 75 µs a number, most of it inside phonenumbers; an import of
100 000 rows cannot afford that. :class:`PhoneNormalizer` gives exactly the same answers, faster:

* every answer is cached per raw cell text (lists repeat numbers, and a lead list is often
  imported after the customers it came from);
* a number written only with ASCII digits, spaces, ``-``, ``.``, brackets and one leading
  ``+`` (after NFKC, so full-width digits count) — nearly every number in a spreadsheet — is
  checked by :class:`_Rules`, the same steps phonenumbers takes (strip the national prefix,
  check the possible lengths, match the number-type patterns of the region's metadata), with
  the metadata's regular expressions compiled once. A refusal carries ``normalize``'s own
  reason and sentence (learnt from ``normalize`` the first time each reason comes up, and
  checked: should they ever disagree, ``normalize`` answers every refusal from then on).
  Every shape it does not handle (a number starting with the international or the country
  code without ``+``, an extension, a country sharing its code with others such as +1 or
  +44, a region whose national prefix is rewritten) goes to ``normalize`` itself, except
  ``tel:X`` and (where the international prefix is ``00``) ``00X``, asked first as ``X`` and
  ``+X`` (:meth:`PhoneNormalizer._shortcut`);

Before all that, the spellings of a Chinese mobile number that make up most lead lists —
11 digits ``1[3-9]…``, optionally after ``+86``, ``0086`` or ``86`` (or in a ``tel:`` URI),
grouped 3-4-4 by spaces or dashes, full-width or not — are answered by :class:`_Mobiles`
with two regular expressions: one reads the shape, the other is phonenumbers' own test for a
valid MOBILE number (the region's patterns, combined, see :meth:`_Rules.mobile_test`). Only a
valid mobile is answered there; anything else takes the steps above.

``tests/importing/test_import_numbers.py`` checks on thousands of numbers of every shape that
the fast path and ``normalize`` agree, so an upgrade of phonenumbers that changes its steps
shows up there.

Qt-free.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata

from callcenter.errors import InvalidPhoneNumber
from callcenter.phones import NumberType, PhoneNumber, Reason, normalize

__all__ = ["MAX_EXTENSION_DIGITS", "NumberProblem", "PhoneNormalizer"]

log = logging.getLogger(__name__)

MAX_EXTENSION_DIGITS = 16
"""``customer_phones.extension`` and ``leads.phone_extension`` hold 16 characters."""


@dataclass(frozen=True, slots=True)
class NumberProblem:
    """Why a cell is not a phone number: ``code`` is a ``phones.Reason`` value (or
    ``extension_too_long``), ``message`` the English sentence."""

    code: str
    message: str


_EXTENSION_TOO_LONG = NumberProblem(
    "extension_too_long", f"The extension is longer than {MAX_EXTENSION_DIGITS} digits."
)

# What the fast path reads: digits and the separators spreadsheets use, at most one "+".
_FAST_SHAPE = re.compile(r"[0-9 ().\-]*\+?[0-9 ().\-]*")
_NOT_DIGITS = str.maketrans("", "", " ().-+")
_MAX_FAST_LENGTH = 64
_MIN_NSN, _MAX_NSN = 2, 17  # phonenumbers' bounds on a national significant number


class PhoneNormalizer:
    """``normalize(raw, default_region)`` with a cache and an exact fast path.

    Call it with a cell's text; it returns a :class:`~callcenter.phones.PhoneNumber` or a
    :class:`NumberProblem`, never raises for any input. One instance per import: the cache
    is bounded (``cache_limit`` entries, then it starts afresh).
    """

    def __init__(self, default_region: str = "CN", *, cache_limit: int = 1 << 18) -> None:
        self.default_region = default_region.strip().upper()
        self._cache: dict[str, PhoneNumber | NumberProblem] = {}
        self._cache_limit = cache_limit
        self._home = _Rules.for_region(self.default_region)
        self._mobiles = _Mobiles.for_rules(self._home)
        idd = PhoneMetadata.metadata_for_region(self.default_region, None)
        pattern = idd.international_prefix if idd is not None else None
        match = re.match(f"(?:{pattern})", "0012345678") if pattern else None
        self._idd_00 = match is not None and match.end() == 2
        self._by_code: dict[int, _Rules | None] = {}
        self._problems: dict[str, NumberProblem] = {}
        self._refuse_fast = True
        self.fast = 0  # answers from the fast path (for the benchmark)
        self.slow = 0  # answers from normalize()

    def __call__(self, raw: str) -> PhoneNumber | NumberProblem:
        cache = self._cache
        cached = cache.get(raw)
        if cached is not None:
            return cached
        mobiles = self._mobiles
        result: PhoneNumber | NumberProblem | None = mobiles(raw) if mobiles else None
        if result is None:
            result = self._shortcut(raw)
            if result is None:
                result = self._fast(raw)
            if result is None:
                result = self._slow(raw)
                self.slow += 1
            else:
                self.fast += 1
        else:
            self.fast += 1
        if len(cache) >= self._cache_limit:
            cache.clear()
        cache[raw] = result
        return result

    def _shortcut(self, raw: str) -> PhoneNumber | None:
        """Two spellings ``normalize`` handles slowly, rewritten for the fast path.

        ``tel:+86-138…`` (a URI without parameters) and ``0086 138…`` (where the international
        prefix is ``00``) are asked as ``+86-138…``. Only a VALID answer is taken: phonenumbers
        reads ``tel:X`` as ``X`` and, where the international prefix is ``00``, ``00X`` as
        ``+X`` (its first reading strips the prefix), so a valid answer is the same number;
        anything else is asked again as written, so refusals keep ``normalize``'s reason.
        """
        first = raw[:1]
        if first not in ("t", "T", "0", " "):
            return None
        text = raw.strip()
        rewritten = None
        if text[:4].lower() == "tel:":
            rest = text[4:]
            if rest.isascii() and not any(c in rest for c in ";%<>@:"):
                rewritten = rest
        elif self._idd_00 and text[:2] == "00" and text.isascii():
            rewritten = "+" + text[2:]
        if rewritten is None:
            return None
        answer = self._fast(rewritten)
        return answer if isinstance(answer, PhoneNumber) else None

    def _slow(self, raw: str) -> PhoneNumber | NumberProblem:
        try:
            number = normalize(raw, self.default_region)
        except InvalidPhoneNumber as exc:
            return NumberProblem(exc.code, exc.message)
        if number.extension is not None and len(number.extension) > MAX_EXTENSION_DIGITS:
            return _EXTENSION_TOO_LONG
        return number

    def _fast(self, raw: str) -> PhoneNumber | NumberProblem | None:
        if raw.isascii() and raw.isdigit():  # the usual cell: "13800138000"
            plus, digits = -1, raw
        else:
            text = raw if raw.isascii() else unicodedata.normalize("NFKC", raw)
            text = text.strip()
            if len(text) > _MAX_FAST_LENGTH or not _FAST_SHAPE.fullmatch(text):
                return None
            plus = text.find("+")
            digits = text.translate(_NOT_DIGITS)
            if not digits:
                return None
        if plus >= 0:
            if any(ch.isdigit() for ch in text[:plus]):
                return None
            rules, national = self._international(digits)
        else:
            rules = self._home
            # "00…" is also read as "+…" by normalize when the first reading fails
            if rules is None or digits.startswith("00") or rules.starts_internationally(digits):
                return None
            national = digits
        if rules is None or len(digits) < 3:  # fewer digits: phonenumbers' own wording
            return None
        result = rules.classify(national)
        if isinstance(result, str):
            return self._problem(result, raw)
        return result

    def _problem(self, reason: str, raw: str) -> NumberProblem | None:
        """``normalize``'s refusal for ``reason``: learnt from ``normalize`` itself the first
        time (its sentences are its own), then reused. Should it ever disagree with the fast
        path, the fast path stops refusing numbers and ``normalize`` answers instead."""
        known = self._problems.get(reason)
        if known is not None:
            return known
        if not self._refuse_fast:
            return None
        answer = self._slow(raw)
        if isinstance(answer, NumberProblem) and answer.code == _REASON_CODES[reason]:
            self._problems[reason] = answer
            return answer
        log.warning("the fast phone check disagrees with normalize(): no longer used to refuse")
        self._refuse_fast = False
        return None

    def _international(self, digits: str) -> tuple[_Rules | None, str]:
        if len(digits) <= 2 or digits[0] == "0":
            return None, digits
        for size in (1, 2, 3):
            code = int(digits[:size])
            if code in COUNTRY_CODE_TO_REGION_CODE:
                if code not in self._by_code:
                    regions = COUNTRY_CODE_TO_REGION_CODE[code]
                    one = len(regions) == 1 and regions[0].isalpha()
                    self._by_code[code] = _Rules.for_region(regions[0]) if one else None
                return self._by_code[code], digits[size:]
        return None, digits


class _Mobiles:
    """Chinese mobile numbers as lead lists spell them, in two regular expressions.

    The shape: optional ``tel:``, optional ``+86``/``0086``/``86`` (then an optional space or
    dash), ``1[3-9]`` and nine more digits grouped 3-4-4 by optional single spaces or dashes,
    outer spaces; full-width forms are read after NFKC, as ``normalize`` reads them. The
    national number is then a valid MOBILE number exactly when :meth:`_Rules.mobile_test`
    says so; when it does not, ``None``: the caller takes the general steps.

    Why this is phonenumbers' answer: none of these spellings holds anything ``normalize``
    cleans away (letters, extensions, ``#``, URI parameters); ``+86``, ``0086`` (the
    international prefix ``00``) and ``86`` before 11 more digits (13 digits are too long for
    a Chinese number, so phonenumbers takes ``86`` as the country code) all give country code
    86 and the same national number; a number starting with the national prefix for parsing or
    the international prefix is left out by the test. ``tests/importing/test_import_numbers.py``
    checks it against phonenumbers on every 5-digit prefix and random spellings.
    """

    _SHAPE = re.compile(
        r" *(?:[Tt][Ee][Ll]:)?(?:(?:\+86|0086|86)[ -]?)?"
        r"(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4}) *"
    ).fullmatch

    def __init__(self, valid: Callable[[str], Any]) -> None:
        self._valid = valid

    @classmethod
    def for_rules(cls, rules: _Rules | None) -> _Mobiles | None:
        if rules is None or rules.region != "CN":
            return None
        valid = rules.mobile_test(11)
        return cls(valid) if valid is not None else None

    def __call__(self, raw: str) -> PhoneNumber | None:
        if len(raw) == 11 and raw.isascii() and raw.isdigit():  # the most usual cell
            national = raw
        else:
            match = self._SHAPE(raw if raw.isascii() else unicodedata.normalize("NFKC", raw))
            if match is None:
                return None
            national = match[1] + match[2] + match[3]
        if self._valid(national) is None:
            return None
        return _mobile_number("+86" + national)


_new_number = PhoneNumber.__new__
_set = object.__setattr__


def _mobile_number(e164: str) -> PhoneNumber:
    """``PhoneNumber(e164, None, "CN", MOBILE)`` without re-checking the E.164 text that
    :class:`_Mobiles` has just built from eleven digits (half the cost, 100 000 times)."""
    number = _new_number(PhoneNumber)
    _set(number, "e164", e164)
    _set(number, "extension", None)
    _set(number, "region", "CN")
    _set(number, "number_type", NumberType.MOBILE)
    return number


_Matcher = tuple[frozenset[int] | None, Callable[[str], "re.Match[str] | None"]]


def _matcher(desc: Any) -> _Matcher | None:
    """A ``PhoneNumberDesc`` as (possible lengths or None for any, compiled fullmatch), or
    ``None`` when it matches nothing (no pattern)."""
    pattern = getattr(desc, "national_number_pattern", None)
    if not pattern:
        return None
    lengths = frozenset(getattr(desc, "possible_length", None) or ()) or None
    return lengths, re.compile(pattern).fullmatch


def _matches(matcher: _Matcher | None, nsn: str) -> bool:
    """phonenumbers' ``_is_number_matching_desc``: the lengths, then the pattern."""
    if matcher is None:
        return False
    lengths, fullmatch = matcher
    return (lengths is None or len(nsn) in lengths) and fullmatch(nsn) is not None


# ValidationResult of a length test, and what normalize() makes of each.
_POSSIBLE, _LOCAL_ONLY, _TOO_SHORT, _TOO_LONG, _INVALID_LENGTH = range(5)
_LENGTH_REASONS = {_LOCAL_ONLY: "local_only", _TOO_SHORT: "too_short", _TOO_LONG: "too_long"}
_REASON_CODES = {
    "local_only": Reason.TOO_SHORT,
    "too_short": Reason.TOO_SHORT,
    "too_long": Reason.TOO_LONG,
    "invalid_number": Reason.INVALID_NUMBER,
}

_SPECIAL_TYPES = (
    ("premium_rate", NumberType.PREMIUM_RATE),
    ("toll_free", NumberType.TOLL_FREE),
    ("shared_cost", NumberType.SHARED_COST),
    ("voip", NumberType.VOIP),
    ("personal_number", NumberType.PERSONAL_NUMBER),
    ("pager", NumberType.PAGER),
    ("uan", NumberType.UAN),
    ("voicemail", NumberType.VOICEMAIL),
)


class _Rules:
    """The steps of ``phonenumbers.parse`` + ``is_valid_number`` + ``number_type`` for one
    region whose country code is its own, on a national number of plain digits."""

    def __init__(self, region: str, metadata: Any) -> None:
        self.region = region
        self._metadata = metadata
        self.country_code = metadata.country_code
        self._country_prefix = str(metadata.country_code)
        idd = metadata.international_prefix
        self._idd = re.compile(idd).match if idd else None
        national_prefix = metadata.national_prefix_for_parsing
        self._national_prefix = re.compile(national_prefix).match if national_prefix else None
        self._transform = metadata.national_prefix_transform_rule or None
        general = metadata.general_desc
        pattern = general.national_number_pattern
        self._general_pattern = re.compile(pattern).fullmatch if pattern else None
        self._possible = tuple(general.possible_length or ())
        self._local_only = frozenset(general.possible_length_local_only or ())
        self._general = _matcher(general)
        specials = ((t, _matcher(getattr(metadata, name))) for name, t in _SPECIAL_TYPES)
        self._special = tuple((t, m) for t, m in specials if m is not None)
        self._fixed = _matcher(metadata.fixed_line)
        self._mobile = _matcher(metadata.mobile)
        self._same_fixed_and_mobile = bool(metadata.same_mobile_and_fixed_line_pattern)

    @classmethod
    def for_region(cls, region: str) -> _Rules | None:
        metadata = PhoneMetadata.metadata_for_region(region, None)
        if metadata is None or not metadata.general_desc.possible_length:
            return None
        if COUNTRY_CODE_TO_REGION_CODE.get(metadata.country_code) != (region,):
            return None  # +1, +7, +44…: which region is decided by patterns: not here
        return cls(region, metadata)

    def mobile_test(self, length: int) -> Callable[[str], Any] | None:
        """A ``fullmatch`` that matches a national number of ``length`` digits exactly when
        ``parse`` keeps it whole and ``number_type`` says MOBILE (not FIXED_LINE_OR_MOBILE nor
        a special type), ``None`` when this region's metadata does not allow it.

        Conservative: a number starting like the national prefix for parsing or the
        international prefix, or matching a special or fixed-line pattern of any length, does
        not match (the general steps answer those).
        """
        metadata = self._metadata
        general, mobile = metadata.general_desc, metadata.mobile
        if (
            self._transform is not None
            or self._same_fixed_and_mobile
            or not general.national_number_pattern
            or mobile is None
            or not mobile.national_number_pattern
            or length not in (general.possible_length or ())
            or length not in (mobile.possible_length or ())
            or length in (general.possible_length_local_only or ())
        ):
            return None
        refused = [
            metadata.national_prefix_for_parsing,
            metadata.international_prefix,
        ]
        whole = [
            getattr(getattr(metadata, name), "national_number_pattern", None)
            for name, _type in _SPECIAL_TYPES
        ]
        whole.append(getattr(metadata.fixed_line, "national_number_pattern", None))
        parts = [f"(?=[0-9]{{{length}}}\\Z)"]
        parts += [f"(?!(?:{p}))" for p in refused if p]
        parts += [f"(?!(?:{p})\\Z)" for p in whole if p]
        parts.append(f"(?=(?:{general.national_number_pattern})\\Z)")
        parts.append(f"(?:{mobile.national_number_pattern})")
        return re.compile("".join(parts)).fullmatch

    def starts_internationally(self, digits: str) -> bool:
        """Written with the international prefix or the country code: left to phonenumbers."""
        return digits.startswith(self._country_prefix) or (
            self._idd is not None and self._idd(digits) is not None
        )

    def classify(self, number: str) -> PhoneNumber | str | None:
        """The number when valid; when not, why, as ``normalize`` would say it (``"too_short"``,
        ``"local_only"``, ``"too_long"``, ``"invalid_number"``); ``None`` beyond these steps.

        Invalid: phonenumbers parsed the number but its type is UNKNOWN; ``normalize`` then
        explains it with ``is_possible_number_with_reason``, the length test below.
        """
        national = self._strip_national_prefix(number)
        if national is None or not _MIN_NSN <= len(national) <= _MAX_NSN:
            return None
        number_type = self._type(national)
        if number_type is None:
            return _LENGTH_REASONS.get(self._test_length(national), "invalid_number")
        return PhoneNumber(
            e164=f"+{self.country_code}{national}",
            extension=None,
            region=self.region,
            number_type=number_type,
        )

    def _strip_national_prefix(self, number: str) -> str | None:
        """``_maybe_strip_national_prefix_carrier_code`` then the length check of ``parse``."""
        if len(number) < _MIN_NSN:
            return None
        if self._national_prefix is None:
            return number
        match = self._national_prefix(number)
        if not match:
            return number
        groups = match.groups()
        if self._transform is not None and (not groups or groups[-1] is not None):
            return None  # the prefix is rewritten, not stripped: left to phonenumbers
        stripped = number[match.end() :]
        if self._matches_general(number) and not self._matches_general(stripped):
            return number
        # parse keeps the prefix when what remains is too short to be a number
        return stripped if self._test_length(stripped) in (_POSSIBLE, _TOO_LONG) else number

    def _test_length(self, national: str) -> int:
        """phonenumbers' ``_test_number_length`` for the general description."""
        length = len(national)
        if length in self._local_only:
            return _LOCAL_ONLY
        possible = self._possible
        if length == possible[0]:
            return _POSSIBLE
        if length < possible[0]:
            return _TOO_SHORT
        if length > possible[-1]:
            return _TOO_LONG
        return _POSSIBLE if length in possible[1:] else _INVALID_LENGTH

    def _matches_general(self, number: str) -> bool:
        """``_match_national_number`` on the general description (the pattern, no lengths)."""
        return self._general_pattern is not None and self._general_pattern(number) is not None

    def _type(self, nsn: str) -> str | None:
        """``_number_type_helper``; ``None`` for UNKNOWN (not a valid number)."""
        if not _matches(self._general, nsn):
            return None
        length = len(nsn)
        for number_type, (lengths, fullmatch) in self._special:
            if (lengths is None or length in lengths) and fullmatch(nsn) is not None:
                return number_type
        mobile = not self._same_fixed_and_mobile and _matches(self._mobile, nsn)
        if _matches(self._fixed, nsn):
            if self._same_fixed_and_mobile or mobile:
                return NumberType.FIXED_LINE_OR_MOBILE
            return NumberType.FIXED_LINE
        return NumberType.MOBILE if mobile else None
