"""Phone numbers: read what agents type and spreadsheets hold, and turn it into E.164.

Everything in the application that stores, compares, dials or shows a phone number goes
through :func:`normalize` first. It accepts the forms people really write (spaces, dashes,
brackets, full-width digits, ``00`` or ``+`` prefixes, national trunk prefixes, ``tel:``
and ``sip:`` URIs, extensions such as ``ext. 12`` or ``转12``) and returns a frozen
:class:`PhoneNumber`, or raises :class:`~callcenter.errors.InvalidPhoneNumber` whose ``code``
is a :class:`Reason` the UI translates.

The other helpers work on a :class:`PhoneNumber` (or a string, normalized with
:data:`DEFAULT_REGION`): :func:`time_zones`, :func:`describe` (place and carrier in the
user's language), :func:`format_display`, and :func:`mask` for logs, which never shows a
full number.

Qt-free: this module must not import PySide6.
"""

from __future__ import annotations

import logging
import math
import re
import traceback
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal
from urllib.parse import unquote

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers import timezone as pn_timezone

from callcenter.errors import InvalidPhoneNumber

__all__ = [
    "DEFAULT_REGION",
    "NumberInfo",
    "NumberType",
    "PhoneNumber",
    "Reason",
    "describe",
    "format_display",
    "is_withheld",
    "mask",
    "normalize",
    "time_zones",
    "try_normalize",
]

logger = logging.getLogger(__name__)

DEFAULT_REGION = "CN"
"""Region assumed for numbers written without a country code."""

# Longer input is refused before any regular expression sees it.
_MAX_INPUT_LENGTH = 500


class Reason(StrEnum):
    """Why a number was refused: the ``code`` of :class:`InvalidPhoneNumber`."""

    EMPTY = "empty"
    NOT_A_NUMBER = "not_a_number"
    INVALID_COUNTRY_CODE = "invalid_country_code"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    INVALID_NUMBER = "invalid_number"


_MESSAGES: dict[Reason, str] = {
    Reason.EMPTY: "No phone number was entered.",
    Reason.NOT_A_NUMBER: "This does not look like a phone number.",
    Reason.INVALID_COUNTRY_CODE: "The country code is missing or not valid.",
    Reason.TOO_SHORT: "The number is too short.",
    Reason.TOO_LONG: "The number is too long.",
    Reason.INVALID_NUMBER: "This number does not exist in its country's numbering plan.",
}
_MESSAGE_LOCAL_ONLY = "The number is too short: add the area code."


class NumberType(StrEnum):
    """What kind of line a number belongs to, as ``PhoneNumber.number_type`` holds it."""

    FIXED_LINE = "fixed_line"
    MOBILE = "mobile"
    FIXED_LINE_OR_MOBILE = "fixed_line_or_mobile"
    TOLL_FREE = "toll_free"
    PREMIUM_RATE = "premium_rate"
    SHARED_COST = "shared_cost"
    VOIP = "voip"
    PERSONAL_NUMBER = "personal_number"
    PAGER = "pager"
    UAN = "uan"
    VOICEMAIL = "voicemail"
    UNKNOWN = "unknown"


_NUMBER_TYPES: dict[int, NumberType] = {
    PhoneNumberType.FIXED_LINE: NumberType.FIXED_LINE,
    PhoneNumberType.MOBILE: NumberType.MOBILE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE: NumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.TOLL_FREE: NumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE: NumberType.PREMIUM_RATE,
    PhoneNumberType.SHARED_COST: NumberType.SHARED_COST,
    PhoneNumberType.VOIP: NumberType.VOIP,
    PhoneNumberType.PERSONAL_NUMBER: NumberType.PERSONAL_NUMBER,
    PhoneNumberType.PAGER: NumberType.PAGER,
    PhoneNumberType.UAN: NumberType.UAN,
    PhoneNumberType.VOICEMAIL: NumberType.VOICEMAIL,
    PhoneNumberType.UNKNOWN: NumberType.UNKNOWN,
}

_E164 = re.compile(r"\+[1-9][0-9]{1,16}")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A valid phone number, as :func:`normalize` returns it.

    ``region`` is the ISO 3166 region the number belongs to (``None`` for non-geographic
    numbers such as +800). ``number_type`` is a :class:`NumberType` value.
    """

    e164: str
    extension: str | None
    region: str | None
    number_type: str

    def __post_init__(self) -> None:
        if not _E164.fullmatch(self.e164):
            raise ValueError("PhoneNumber.e164 must look like '+8613800138000'")
        if self.extension is not None and not _DIGITS.fullmatch(self.extension):
            raise ValueError("PhoneNumber.extension must be digits or None")

    def __str__(self) -> str:
        """E.164, plus ``;ext=12`` (RFC 3966) when there is an extension."""
        if self.extension:
            return f"{self.e164};ext={self.extension}"
        return self.e164


@dataclass(frozen=True, slots=True)
class NumberInfo:
    """Where a number is from, in the user's language; empty strings when unknown."""

    region: str | None
    place: str
    carrier: str


# --------------------------------------------------------------------------- normalize


def normalize(raw: str, default_region: str = DEFAULT_REGION) -> PhoneNumber:
    """Read a phone number as a person or a spreadsheet wrote it.

    ``default_region`` (ISO 3166, e.g. ``"CN"``) applies to numbers written without a
    country code. Raises :class:`InvalidPhoneNumber` with ``code`` a :class:`Reason`, and
    never any other exception.
    """
    try:
        return _normalize(raw, default_region)
    except InvalidPhoneNumber:
        raise
    except Exception as exc:
        # A bug here or in phonenumbers. Log where it happened but not the exception's
        # message, which may contain the number.
        logger.error(
            "Unexpected %s while normalizing a phone number (%s):\n%s",
            type(exc).__name__,
            _mask_for_error_log(raw),
            "".join(traceback.format_tb(exc.__traceback__)),
        )
        raise _invalid(Reason.NOT_A_NUMBER) from exc


def try_normalize(raw: str | None, default_region: str = DEFAULT_REGION) -> PhoneNumber | None:
    """Like :func:`normalize`, but ``None`` for anything that is not a valid number."""
    if raw is None:
        return None
    try:
        return normalize(raw, default_region)
    except InvalidPhoneNumber:
        return None


def _invalid(reason: Reason, message: str | None = None) -> InvalidPhoneNumber:
    return InvalidPhoneNumber(message or _MESSAGES[reason], code=reason.value)


def _mask_for_error_log(raw: object) -> str:
    if not isinstance(raw, str):
        return type(raw).__name__
    try:
        return _mask_raw(raw)
    except Exception:  # already reporting a bug: do not replace it with another
        return "<unprintable>"


def _normalize(raw: object, default_region: str | None) -> PhoneNumber:
    if raw is None:  # despite the annotation, callers pass cells and caller ids as they come
        raise _invalid(Reason.EMPTY)
    if not isinstance(raw, str):
        raise _invalid(Reason.NOT_A_NUMBER)
    region = default_region.strip().upper() if default_region else None

    text = _clean(raw)
    if not text:
        raise _invalid(Reason.EMPTY)
    if len(text) > _MAX_INPUT_LENGTH:
        raise _invalid(Reason.TOO_LONG)

    body, extension = _split_uri(text)
    body, written_extension = _split_extension(body)
    extension = extension or written_extension
    # A trailing "#" (dial-pad habit) would make phonenumbers read the last group as an
    # extension.
    body = body.rstrip(" #")
    if _has_letters(body) or not re.search(r"[0-9]", body):
        raise _invalid(Reason.NOT_A_NUMBER)

    numobj = _parse(body, region)
    if not extension and numobj.extension:
        extension = numobj.extension
    return PhoneNumber(
        e164=phonenumbers.format_number(numobj, PhoneNumberFormat.E164),
        extension=extension or None,
        region=_iso_region(numobj),
        number_type=_NUMBER_TYPES.get(phonenumbers.number_type(numobj), NumberType.UNKNOWN),
    )


def _clean(raw: str) -> str:
    """NFKC (full-width digits, plus, brackets, spaces), ASCII digits, no invisible marks."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFKC", raw):
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) in {"Cf", "Cc"}:  # zero-width space, BOM, soft hyphen
            continue
        elif not ch.isascii() and ch.isdecimal():  # Arabic-Indic, Devanagari, … digits
            out.append(str(unicodedata.decimal(ch)))
        else:
            out.append(ch)
    return "".join(out).strip()


# `"Name" <sip:…>` as in a SIP From header: the URI between angle brackets.
_ANGLE_URI = re.compile(r"<\s*((?:tel|sips?):[^>]*)>", re.IGNORECASE)
_URI_SCHEME = re.compile(r"(tel|sips?):", re.IGNORECASE)
_URI_VISUAL_SEPARATORS = re.compile(r"[\s\-.()]")


def _split_uri(text: str) -> tuple[str, str | None]:
    """For a ``tel:``/``sip:``/``sips:`` URI, its number and ``ext`` parameter.

    Anything else comes back unchanged with no extension.
    """
    if angle := _ANGLE_URI.search(text):
        text = angle.group(1).strip()
    scheme = _URI_SCHEME.match(text)
    if not scheme:
        return text, None
    rest = text[scheme.end() :]
    if scheme.group(1).lower() == "tel":
        user = rest
    else:
        userinfo, at, _host = rest.partition("@")
        # Without a host the URI parameters follow the user directly; they are dropped below.
        user = userinfo.split(":", 1)[0] if at else rest
    number, *params = _clean(unquote(user)).split(";")
    extension: str | None = None
    for param in params:
        name, _, value = param.partition("=")
        name = name.strip().lower()
        if name == "ext":
            extension = _URI_VISUAL_SEPARATORS.sub("", value)
            if not _DIGITS.fullmatch(extension):
                raise _invalid(Reason.NOT_A_NUMBER)
        elif (
            name == "phone-context"
            and value.strip().startswith("+")
            and not number.strip().startswith("+")
        ):
            # RFC 3966 local number: the global context is its prefix.
            number = value.strip() + number
    return number.strip(), extension


_EXTENSION = re.compile(
    r"""
    (?: ;\s*ext\s*=                   # RFC 3966 ";ext=12"
      | ext(?:ension|n)?\.?           # "ext 12", "ext. 12", "extension 12"
      | x                             # "x12"
      | \#                            # "#12"
      | [转轉](?:分机号?|分機號?)?      # "转12", "转分机12"
      | 分机号? | 分機號?              # "分机12", "分机号 12"
    )
    [\s\-.:=]*
    ([0-9]{1,20})
    [\s\#]*$
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _split_extension(text: str) -> tuple[str, str | None]:
    """Split a written extension off the end: ``"… 8000 转 12"`` -> ``("… 8000", "12")``."""
    match = _EXTENSION.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(" -.,;"), match.group(1)


# Letters phonenumbers reads as punctuation: the katakana long mark is a dash in
# Japanese numbers ("03ー1234ー5678").
_LETTERS_AS_PUNCTUATION = frozenset("ー")


def _has_letters(text: str) -> bool:
    return any(
        unicodedata.category(ch).startswith("L") and ch not in _LETTERS_AS_PUNCTUATION
        for ch in text
    )


def _parse(body: str, region: str | None) -> phonenumbers.PhoneNumber:
    """Parse ``body`` into a valid number, trying the readings people mean.

    First as written, in ``region``: phonenumbers handles the region's own international
    and trunk prefixes, and digits that start with the region's country code
    (``8613800138000`` in CN is +86 138…). Then ``00…``, the international prefix in most
    of the world (but not in the US or Japan), as ``+…``.
    """
    readings: list[tuple[str, str | None]] = [(body, region)]
    first = re.search(r"[+0-9]", body)
    digits = re.sub(r"[^0-9]", "", body)
    if first is not None and first.group() != "+" and digits.startswith("00"):
        readings.append(("+" + digits[2:], None))

    outcome: phonenumbers.PhoneNumber | NumberParseException
    for text, reading_region in readings:
        try:
            outcome = phonenumbers.parse(text, reading_region)
        except NumberParseException as exc:
            outcome = exc
            continue
        if phonenumbers.is_valid_number(outcome):
            return outcome

    # Nothing valid: explain the last reading, the one the person most likely meant.
    if isinstance(outcome, NumberParseException):
        reason = _PARSE_ERRORS.get(outcome.error_type, Reason.NOT_A_NUMBER)
        if reason is Reason.NOT_A_NUMBER and _count_digits(text) <= _MAX_DIGITS_TOO_FEW:
            # Digits and punctuation only (letters were refused earlier), but too few digits
            # for phonenumbers to try ("0", "+86", "00").
            reason = Reason.TOO_SHORT
        raise _invalid(reason)
    possible = phonenumbers.is_possible_number_with_reason(outcome)
    if possible == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        raise _invalid(Reason.TOO_SHORT, _MESSAGE_LOCAL_ONLY)
    raise _invalid(_POSSIBLE_REASONS.get(possible, Reason.INVALID_NUMBER))


# Digits-only text this short is "too short" rather than "not a number".
_MAX_DIGITS_TOO_FEW = 3

_PARSE_ERRORS: dict[int, Reason] = {
    NumberParseException.INVALID_COUNTRY_CODE: Reason.INVALID_COUNTRY_CODE,
    NumberParseException.NOT_A_NUMBER: Reason.NOT_A_NUMBER,
    NumberParseException.TOO_SHORT_AFTER_IDD: Reason.TOO_SHORT,
    NumberParseException.TOO_SHORT_NSN: Reason.TOO_SHORT,
    NumberParseException.TOO_LONG: Reason.TOO_LONG,
}

_POSSIBLE_REASONS: dict[int, Reason] = {
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: Reason.INVALID_COUNTRY_CODE,
    phonenumbers.ValidationResult.TOO_SHORT: Reason.TOO_SHORT,
    phonenumbers.ValidationResult.TOO_LONG: Reason.TOO_LONG,
    # IS_POSSIBLE (right length, no such number) and INVALID_LENGTH: INVALID_NUMBER.
}


def _count_digits(text: str) -> int:
    return sum(ch in "0123456789" for ch in text)


def _iso_region(numobj: phonenumbers.PhoneNumber) -> str | None:
    region = phonenumbers.region_code_for_number(numobj)
    # "001" is phonenumbers' code for non-geographic numbers (+800, +882, …).
    return region if region and region.isalpha() else None


# --------------------------------------------------------------------------- withheld

_WITHHELD_WORDS = frozenset(
    {
        "anonymous",
        "anon",
        "unknown",
        "unknown number",
        "unknown caller",
        "restricted",
        "private",
        "private number",
        "private caller",
        "withheld",
        "number withheld",
        "unavailable",
        "not available",
        "blocked",
        "caller id blocked",
        "no caller id",
        "out of area",
        "p",  # CLASS caller-id code: private
        "o",  # CLASS caller-id code: out of area
        "匿名",
        "匿名来电",
        "未知",
        "未知号码",
        "未知號碼",
        "隐藏号码",
        "隱藏號碼",
        "号码隐藏",
        "號碼隱藏",
        "私人号码",
        "私人號碼",
        "保密号码",
        "无号码",
        "無號碼",
        "不显示号码",
        "不顯示號碼",
    }
)


def is_withheld(raw: str | None) -> bool:
    """True when a caller id says the number was withheld (or there is none).

    Recognizes ``None``, blank text, words such as "anonymous", "restricted", "private",
    "unavailable", "匿名", "未知", and SIP identities such as
    ``sip:anonymous@anonymous.invalid`` (RFC 3323), with or without a display name.
    """
    if raw is None:
        return True
    text = _clean(raw)
    if not text:
        return True
    if angle := _ANGLE_URI.search(text):
        text = angle.group(1)
    if scheme := _URI_SCHEME.match(text):
        text = text[scheme.end() :]
    if "@" in text:
        user, _, host = text.partition("@")
        if host.split(";", 1)[0].strip().lower() == "anonymous.invalid":
            return True
        text = unquote(user.split(";", 1)[0].split(":", 1)[0])
    words = re.sub(r"[\s_\-.]+", " ", text.strip(" \"'<>[]()")).strip().lower()
    return words in _WITHHELD_WORDS or not words


# --------------------------------------------------------------------------- information


def time_zones(number: PhoneNumber | str) -> tuple[str, ...]:
    """IANA time zones the number may be in, ``()`` when unknown.

    One zone for most numbers (``("Asia/Shanghai",)``); several for numbers that do not
    say where they are (US toll-free numbers, Russian mobiles).
    """
    numobj = _to_numobj(number)
    zones = pn_timezone.time_zones_for_number(numobj)
    return tuple(zone for zone in zones if zone != pn_timezone.UNKNOWN_TIMEZONE)


def describe(number: PhoneNumber | str, language: str = "zh_CN") -> NumberInfo:
    """Where the number is from and its carrier, in ``language``.

    ``language`` is a locale name such as ``"zh_CN"``, ``"zh-TW"``, ``"zh"``, ``"en_US"``
    (``zh_TW``/``zh_HK`` give traditional characters). ``place`` is the city or province
    when known, else the country; ``carrier`` is the original carrier of a mobile number
    (numbers may have been ported since), ``""`` for other lines.
    """
    # geocoder and carrier load about half a second of data: only when first needed.
    from phonenumbers import carrier, geocoder

    numobj = _to_numobj(number)
    lang, script, region = _locale_parts(language)
    return NumberInfo(
        region=_iso_region(numobj),
        # region=None: the user's own region would shorten the place to the country name.
        place=geocoder.description_for_number(numobj, lang, script, None),
        carrier=carrier.name_for_number(numobj, lang, script, region),
    )


def _locale_parts(language: str) -> tuple[str, str | None, str | None]:
    """``"zh_CN"`` -> ``("zh", None, "CN")``; ``"zh-Hant-TW"`` -> ``("zh", "Hant", "TW")``."""
    tag = language.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    parts = [part for part in tag.split("_") if part]
    lang = parts[0].lower() if parts else "en"
    script: str | None = None
    region: str | None = None
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            region = part.upper()
    if lang == "zh" and script is None and region in {"TW", "HK", "MO"}:
        script = "Hant"
    return lang, script, region


def format_display(
    number: PhoneNumber | str,
    style: Literal["international", "national", "e164"] = "international",
) -> str:
    """The number as people read it: ``"+86 138 0013 8000"``, or ``"138 0013 8000"``.

    ``"e164"`` gives ``str(number)``. An extension is written as ``" ext. 12"``.
    """
    if style not in _DISPLAY_FORMATS:
        raise ValueError(
            f"unknown phone number style {style!r}; use one of {sorted(_DISPLAY_FORMATS)}"
        )
    phone = _as_phone(number)
    if style == "e164":
        return str(phone)
    return phonenumbers.format_number(_to_numobj(phone), _DISPLAY_FORMATS[style])


_DISPLAY_FORMATS = {
    "international": PhoneNumberFormat.INTERNATIONAL,
    "national": PhoneNumberFormat.NATIONAL,
    "e164": PhoneNumberFormat.E164,
}


def _as_phone(number: PhoneNumber | str) -> PhoneNumber:
    """``number`` itself, or a string read by :func:`normalize` in :data:`DEFAULT_REGION`."""
    if isinstance(number, PhoneNumber):
        return number
    if isinstance(number, str):
        return normalize(number)
    raise TypeError(f"expected a PhoneNumber or str, not {type(number).__name__}")


def _to_numobj(number: PhoneNumber | str) -> phonenumbers.PhoneNumber:
    """The phonenumbers object for a number (see :func:`_as_phone`)."""
    phone = _as_phone(number)
    try:
        numobj = phonenumbers.parse(phone.e164, None)
    except NumberParseException as exc:
        raise ValueError(f"PhoneNumber {mask(phone)} has an unknown country code") from exc
    numobj.extension = phone.extension
    return numobj


# --------------------------------------------------------------------------- masking


def mask(number: PhoneNumber | str | None) -> str:
    """The number for logs, with the middle digits hidden: ``"+86138****8000"``.

    Keeps the country code, the first 3 and the last 4 national digits of long numbers;
    shorter numbers show at most half their digits. ``None`` or blank gives ``"<none>"``,
    a withheld caller id ``"<withheld>"``. Never raises for bad data: text that is not a
    valid number is masked digit by digit, and text without digits gives ``"<invalid>"``.
    """
    if number is None:
        return "<none>"
    if isinstance(number, str):
        if not _clean(number):
            return "<none>"
        parsed = try_normalize(number)
        if parsed is None:
            return "<withheld>" if is_withheld(number) else _mask_raw(number)
        number = parsed
    if not isinstance(number, PhoneNumber):
        raise TypeError(f"expected a PhoneNumber, str or None, not {type(number).__name__}")
    try:
        country_code = str(phonenumbers.parse(number.e164, None).country_code)
    except NumberParseException:
        return _mask_raw(number.e164)
    national = number.e164[1 + len(country_code) :]
    masked = f"+{country_code}{_mask_digits(national, long_form=True)}"
    return f"{masked};ext={number.extension}" if number.extension else masked


def _mask_raw(raw: str) -> str:
    """Mask the digits of text that is not a valid number, dropping everything else."""
    text = _clean(raw)
    digits = "".join(re.findall(r"[0-9]", text))
    if not digits:
        return "<invalid>"
    plus = "+" if text.startswith("+") else ""
    return plus + _mask_digits(digits, long_form=False)


def _mask_digits(digits: str, *, long_form: bool) -> str:
    """Hide the middle of ``digits``: 3 + 4 shown when long, else at most half."""
    count = len(digits)
    shown = 7 if long_form and count >= 11 else count // 2
    tail = min(4, math.ceil(shown / 2))
    head = shown - tail
    return digits[:head] + "*" * (count - shown) + (digits[count - tail :] if tail else "")
