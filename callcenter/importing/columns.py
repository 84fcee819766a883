"""Which column of an imported file holds which field, from headers in Chinese or English.

:func:`suggest_mapping` reads the header cells the way people write them — ``姓名``,
``手机号码``, ``Phone Number``, ``E-mail``, ``电话(必填)``, ``联系电话2`` — and proposes a
:class:`ColumnMapping`; the UI's column-mapping step shows it and lets the user correct it with
:meth:`ColumnMapping.override`. Headers are compared after :func:`normalize_header`: NFKC (so
full-width letters and brackets are plain), lower case, bracketed notes such as ``(必填)`` and
``【选填】`` dropped, and every space, underscore, punctuation mark and symbol removed.

Several columns may hold phone numbers (``电话``, ``手机``, ``phone2``, ``备用电话``…): all
are mapped, in file order, and the first is the primary number. Notes and tags also gather
every matching column; any other field takes the best-matching column (an exact synonym beats
a header that merely ends with one, ``姓名`` beats ``客户名称``).

Qt-free.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "MULTI_COLUMN_FIELDS",
    "REQUIRED_FIELDS",
    "ColumnMapping",
    "Field",
    "header_score",
    "normalize_header",
    "recognize_header",
    "suggest_mapping",
]


class Field(StrEnum):
    NAME = "name"
    PHONE = "phone"
    COMPANY = "company"
    CITY = "city"
    SOURCE = "source"
    NOTES = "notes"
    EMAIL = "email"
    ABC_CLASS = "abc_class"
    TAGS = "tags"


MULTI_COLUMN_FIELDS = frozenset({Field.PHONE, Field.NOTES, Field.TAGS})
"""Fields that gather every matching column; the others take one."""

REQUIRED_FIELDS: Mapping[str, tuple[Field, ...]] = MappingProxyType(
    {"customers": (Field.NAME, Field.PHONE), "leads": (Field.PHONE,)}
)
"""Per kind of import, the fields without which no row can be imported."""

# Synonyms per field, best first (the rank decides between two candidate columns of a
# one-column field). Written as people write them; compared after normalize_header.
_SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.NAME: (
        "姓名",
        "客户姓名",
        "名字",
        "联系人",
        "联系人姓名",
        "全名",
        "客户名字",
        "客戶姓名",
        "聯繫人",
        "聯絡人",
        "name",
        "full name",
        "customer name",
        "contact name",
        "contact",
        "person",
        "客户名称",
        "客户",
        "客戶名稱",
        "客戶",
        "customer",
    ),
    Field.PHONE: (
        "电话",
        "手机",
        "手机号",
        "手机号码",
        "联系电话",
        "电话号码",
        "移动电话",
        "座机",
        "固话",
        "固定电话",
        "办公电话",
        "家庭电话",
        "住宅电话",
        "备用电话",
        "其他电话",
        "其它电话",
        "联系方式",
        "联系号码",
        "号码",
        "手机号1",
        "电话1",
        "電話",
        "手機",
        "手機號碼",
        "聯絡電話",
        "聯繫電話",
        "電話號碼",
        "流動電話",
        "phone",
        "mobile",
        "cell",
        "tel",
        "telephone",
        "phone number",
        "mobile phone",
        "mobile number",
        "cell phone",
        "cellphone",
        "telephone number",
        "tel no",
        "phone no",
        "contact number",
        "work phone",
        "home phone",
        "office phone",
        "other phone",
        "alternate phone",
        "alt phone",
        "second phone",
    ),
    Field.COMPANY: (
        "公司",
        "公司名称",
        "单位",
        "单位名称",
        "企业",
        "企业名称",
        "工作单位",
        "公司名",
        "所在公司",
        "公司单位",
        "企業",
        "企業名稱",
        "公司名稱",
        "單位",
        "company",
        "company name",
        "organisation",
        "organization",
        "org",
        "employer",
        "business",
        "firm",
    ),
    Field.CITY: (
        "城市",
        "所在城市",
        "地区",
        "所在地区",
        "城市地区",
        "所在地",
        "地區",
        "所在地區",
        "city",
        "town",
    ),
    Field.SOURCE: (
        "来源",
        "渠道",
        "客户来源",
        "来源渠道",
        "渠道来源",
        "來源",
        "客戶來源",
        "source",
        "channel",
        "lead source",
    ),
    Field.NOTES: (
        "备注",
        "说明",
        "备注信息",
        "描述",
        "備註",
        "說明",
        "notes",
        "note",
        "remark",
        "remarks",
        "comment",
        "comments",
        "memo",
        "description",
    ),
    Field.EMAIL: (
        "邮箱",
        "电子邮件",
        "电子邮箱",
        "邮件",
        "邮箱地址",
        "郵箱",
        "電子郵件",
        "電郵",
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "mail",
    ),
    Field.ABC_CLASS: (
        "客户等级",
        "等级",
        "分类",
        "客户分类",
        "客户级别",
        "级别",
        "类别",
        "客户类别",
        "客戶等級",
        "等級",
        "分類",
        "abc",
        "class",
        "tier",
        "abc class",
        "customer class",
        "grade",
        "level",
        "rating",
    ),
    Field.TAGS: ("标签", "客户标签", "標籤", "标记", "tags", "tag", "labels", "label"),
}

# A header that only ends with one of these (客户手机号码, 紧急联系人电话, Mobile Phone No)
# is still recognised, below every exact synonym.
_SUFFIXES: dict[Field, tuple[str, ...]] = {
    Field.NAME: ("姓名",),
    Field.PHONE: ("电话", "手机", "手机号", "手机号码", "电话号码", "phone", "mobile"),
    Field.COMPANY: ("公司名称", "单位名称", "企业名称"),
    Field.EMAIL: ("邮箱", "email"),
}

_BRACKETED = re.compile(r"[(\[【〔<《{][^)\]】〕>》}]*[)\]】〕>》}]")
_TRAILING_DIGITS = re.compile(r"[0-9]+$")


def normalize_header(text: str) -> str:
    """``" 电话（必填）"`` → ``"电话"``, ``"Phone_Number 2"`` → ``"phonenumber2"``."""
    text = unicodedata.normalize("NFKC", text).replace("\ufeff", "")
    without_notes = _BRACKETED.sub("", text)
    if _alnum(without_notes):
        text = without_notes
    return _alnum(text).lower()


def _alnum(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _build_index() -> dict[str, tuple[Field, int]]:
    index: dict[str, tuple[Field, int]] = {}
    for fld, synonyms in _SYNONYMS.items():
        for rank, synonym in enumerate(synonyms):
            index.setdefault(normalize_header(synonym), (fld, rank))
    return index


_INDEX = _build_index()
_SUFFIX_RANK = 1000
_NUMBERED_RANK = 500


def recognize_header(text: str) -> tuple[Field, int] | None:
    """The field a header names and how well (lower is better), or ``None``."""
    key = normalize_header(text)
    if not key:
        return None
    if key in _INDEX:
        return _INDEX[key]
    unnumbered = _TRAILING_DIGITS.sub("", key)  # 电话2, phone3, 备注1
    if unnumbered and unnumbered in _INDEX:
        fld, rank = _INDEX[unnumbered]
        return fld, _NUMBERED_RANK + rank
    for fld, suffixes in _SUFFIXES.items():
        for suffix in suffixes:
            if key.endswith(suffix) or unnumbered.endswith(suffix):
                return fld, _SUFFIX_RANK
    return None


def header_score(headers: Iterable[str]) -> int:
    """How many header cells name a known field (used to tell encodings apart)."""
    return sum(recognize_header(h) is not None for h in headers)


@dataclass(frozen=True)
class ColumnMapping:
    """Field → the column indexes (0-based) that hold it, for one file's header.

    Immutable: :meth:`override` returns a new mapping. A column belongs to at most one field.
    """

    headers: tuple[str, ...]
    columns: Mapping[Field, tuple[int, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        cleaned: dict[Field, tuple[int, ...]] = {}
        for key, indexes in self.columns.items():
            fld = Field(key)
            for index in indexes:
                if not 0 <= index < len(self.headers):
                    raise ValueError(
                        f"column {index} of field {fld} is outside the header "
                        f"(0…{len(self.headers) - 1})"
                    )
            if indexes:
                cleaned[fld] = tuple(indexes)
        object.__setattr__(self, "columns", MappingProxyType(cleaned))

    def get(self, fld: Field | str) -> tuple[int, ...]:
        return self.columns.get(Field(fld), ())

    def field_of(self, index: int) -> Field | None:
        """The field column ``index`` is mapped to, for the mapping step's table."""
        for fld, indexes in self.columns.items():
            if index in indexes:
                return fld
        return None

    def header(self, index: int) -> str:
        """A column's name for messages: its header text, or "column 3" when blank."""
        text = self.headers[index].strip() if index < len(self.headers) else ""
        return text or f"column {index + 1}"

    def missing_required(self, kind: str) -> tuple[Field, ...]:
        """The fields ``kind`` (``"customers"``, ``"leads"``) needs that no column holds."""
        try:
            required = REQUIRED_FIELDS[kind]
        except KeyError:
            raise ValueError(f"unknown kind of import {kind!r}") from None
        return tuple(f for f in required if not self.get(f))

    def override(
        self, overrides: Mapping[Field | str, int | Sequence[int] | None]
    ) -> ColumnMapping:
        """The mapping with the user's choices applied: ``{"phone": [1, 4], "notes": None}``.

        A field given ``None`` or ``[]`` is unmapped; a column given to a field is taken away
        from any other field. Raises ``ValueError`` for an unknown field or a column outside
        the header.
        """
        columns = {fld: list(indexes) for fld, indexes in self.columns.items()}
        for key, value in overrides.items():
            fld = Field(key)
            if value is None:
                indexes: list[int] = []
            elif isinstance(value, int):
                indexes = [value]
            else:
                indexes = list(dict.fromkeys(value))
            for other in columns.values():
                other[:] = [i for i in other if i not in indexes]
            columns[fld] = indexes
        return ColumnMapping(self.headers, {f: tuple(i) for f, i in columns.items() if i})

    def as_dict(self) -> dict[str, list[int]]:
        """Plain JSON-able form (field value → indexes), e.g. to remember a user's choice."""
        return {str(fld): list(indexes) for fld, indexes in self.columns.items()}


def suggest_mapping(headers: Sequence[str]) -> ColumnMapping:
    """The mapping the headers suggest. Unrecognised columns stay unmapped."""
    candidates: dict[Field, list[tuple[int, int]]] = {}
    for index, text in enumerate(headers):
        found = recognize_header(text)
        if found is not None:
            fld, rank = found
            candidates.setdefault(fld, []).append((rank, index))
    columns: dict[Field, tuple[int, ...]] = {}
    for fld, found_columns in candidates.items():
        if fld in MULTI_COLUMN_FIELDS:
            columns[fld] = tuple(sorted(index for _rank, index in found_columns))
        else:
            columns[fld] = (min(found_columns)[1],)
    return ColumnMapping(tuple(headers), columns)
