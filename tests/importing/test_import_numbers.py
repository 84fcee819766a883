"""The import's phone normaliser gives exactly what ``phones.normalize`` gives, faster."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from callcenter.errors import InvalidPhoneNumber
from callcenter.importing.numbers import NumberProblem, PhoneNormalizer
from callcenter.phones import PhoneNumber, normalize

FULL_WIDTH = str.maketrans("0123456789+", "０１２３４５６７８９＋")
PREFIXES = ["", "", "", "+86", "+86 ", "86", "0086", "+852", "+853", "+886", "+65", "+1",
            "+44", "+49", "+61", "+81", "+7", "+", "00"]  # fmt: skip


def _expected(raw: str, region: str) -> PhoneNumber | tuple[str, str]:
    try:
        return normalize(raw, region)
    except InvalidPhoneNumber as exc:
        return exc.code, exc.message


def _got(normalizer: PhoneNormalizer, raw: str) -> PhoneNumber | tuple[str, str]:
    result = normalizer(raw)
    return (result.code, result.message) if isinstance(result, NumberProblem) else result


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        national = "1" + rng.choice("3456789") + _digits(rng, 9)  # mobiles
    elif kind < 0.6:
        area = rng.choice(
            ["10", "21", "20", "755", "571", "898", "9" + _digits(rng, 2), _digits(rng, 3)]
        )
        national = "0" + area + _digits(rng, rng.choice([6, 7, 8, 9]))  # landlines
    elif kind < 0.7:
        national = rng.choice(["400", "800", "4008", "95", "12"]) + _digits(rng, rng.randint(2, 9))
    else:
        national = _digits(rng, rng.randint(1, 18))
    text = rng.choice(PREFIXES) + national
    spaced = []
    for ch in text:
        spaced.append(ch)
        if rng.random() < 0.12:
            spaced.append(rng.choice([" ", "-", ".", "(", ")", " - "]))
    text = "".join(spaced)
    if rng.random() < 0.05:
        text = text.translate(FULL_WIDTH)
    if rng.random() < 0.1:
        text = f" {text}\u3000"
    return text


@pytest.mark.parametrize(
    ("region", "count"),
    [("CN", 1500), ("HK", 300), ("TW", 300), ("JP", 300), ("GB", 300), ("US", 300)],
)
def test_agrees_with_normalize_on_every_shape(region, count):
    rng = random.Random(f"numbers-{region}")
    normalizer = PhoneNormalizer(region)
    samples = [_number(rng) for _ in range(count)]
    mismatches = [
        (raw, got, want)
        for raw in samples
        if (got := _got(normalizer, raw)) != (want := _expected(raw, region))
    ]
    assert mismatches == []
    assert normalizer.fast > count // 20, "the fast path should answer the usual shapes"
    assert normalizer._refuse_fast, "the fast path disagreed with normalize() on a refusal"


def test_the_fast_path_answers_the_usual_chinese_spellings():
    normalizer = PhoneNormalizer("CN")
    spellings = ["13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000",
                 "+86-13800138000", "(010) 6552 9988", "010-65529988", "0755 8888 9999",
                 "１３８００１３８０００", "400-810-8888"]  # fmt: skip
    for raw in spellings:
        assert normalizer._fast(raw) == normalize(raw, "CN"), raw


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 ()+-.x#转０１８６", max_size=24))
def test_agrees_with_normalize_on_anything(raw):
    assert _got(PhoneNormalizer("CN"), raw) == _expected(raw, "CN")


def test_results_are_cached_and_extensions_fit_the_column():
    normalizer = PhoneNormalizer("CN", cache_limit=2)
    assert normalizer("13800138000") is normalizer("13800138000")
    assert normalizer("010-65529988 转 12").extension == "12"
    too_long = normalizer("010-65529988 转 12345678901234567")
    assert isinstance(too_long, NumberProblem) and too_long.code == "extension_too_long"
    bad = normalizer("12345")
    assert isinstance(bad, NumberProblem) and bad.message


# --------------------------------------------------------------- Chinese mobiles, two regexes

MOBILE_PREFIXES = ["", "+86", "0086", "86", "tel:", "tel:+86", "TEL:0086", "Tel:86"]


def _phonenumbers_mobile(national: str) -> PhoneNumber | None:
    """What phonenumbers itself says of a national number: a valid mobile, or not (``17900…``
    starts with a carrier-selection code phonenumbers strips, and may not parse at all)."""
    try:
        parsed = phonenumbers.parse(national, "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    if phonenumbers.number_type(parsed) != phonenumbers.PhoneNumberType.MOBILE:
        return None
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return PhoneNumber(e164, None, phonenumbers.region_code_for_number(parsed), "mobile")


def test_mobile_regexes_agree_with_phonenumbers_on_every_five_digit_prefix():
    """Exact both ways: a valid mobile is never left to the slow steps either."""
    mobiles = PhoneNormalizer("CN")._mobiles
    assert mobiles is not None
    rng = random.Random("every-prefix")
    accepted = 0
    for prefix in range(13000, 20000):
        for national in (f"{prefix}000000", f"{prefix}999999", f"{prefix}{_digits(rng, 6)}"):
            got = mobiles(national)
            assert got == _phonenumbers_mobile(national), national
            if got is not None:
                accepted += 1
                assert got == normalize(national, "CN")
    assert accepted > 10_000, "the regexes should answer most mobile prefixes"


@settings(max_examples=600, deadline=None)
@given(
    prefix=st.sampled_from(MOBILE_PREFIXES),
    national=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True).filter(str.isascii),
    separators=st.lists(st.sampled_from(["", "", " ", "-"]), min_size=3, max_size=3),
    padding=st.sampled_from(["", " ", "  "]),
    full_width=st.booleans(),
)
# carrier-selection prefixes 179xx: phonenumbers strips them and finds too few digits, or none
@example(prefix="", national="17900002200", separators=["", "", ""], padding="", full_width=False)
@example(prefix="", national="17900002100", separators=["", "", ""], padding="", full_width=False)
def test_mobile_spellings_get_exactly_what_phonenumbers_gives(
    prefix, national, separators, padding, full_width
):
    first, second, third = separators
    body = f"{national[:3]}{second}{national[3:7]}{third}{national[7:]}"
    raw = f"{padding}{prefix}{first if prefix and not prefix.endswith(':') else ''}{body}{padding}"
    if full_width:
        raw = raw.translate(FULL_WIDTH)
    normalizer = PhoneNormalizer("CN")
    got = normalizer._mobiles(raw)
    if got is not None:
        assert got == _phonenumbers_mobile(national) == normalize(raw, "CN")
        assert normalizer(raw) == got
    else:  # not a valid mobile: the general steps answer, as normalize does
        assert _phonenumbers_mobile(national) is None
        assert _got(normalizer, raw) == _expected(raw, "CN")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 +-86tel:１３", max_size=22))
def test_mobile_regexes_never_answer_what_normalize_would_not(raw):
    got = PhoneNormalizer("CN")._mobiles(raw)
    if got is not None:
        assert got == normalize(raw, "CN")


def test_mobile_regexes_are_only_for_chinese_numbers():
    assert PhoneNormalizer("HK")._mobiles is None
    assert PhoneNormalizer("US")._mobiles is None
