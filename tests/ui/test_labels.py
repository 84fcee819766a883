"""Every code the app stores is shown to the agent as words, never as the raw code."""

from __future__ import annotations

import pytest

from callcenter.dialer import Outcome
from callcenter.followups import CATEGORIES
from callcenter.settings import DEFAULT_DISPOSITIONS
from callcenter.storage.activity import (
    CallbackKind,
    CallbackStatus,
    ComplaintStatus,
    Direction,
    Severity,
)
from callcenter.storage.outbound import LeadState
from callcenter.storage.people import Role
from callcenter.ui.labels import Labels

CODES = {
    "disposition": (*DEFAULT_DISPOSITIONS, *Outcome),
    "state": tuple(LeadState),
    "category": CATEGORIES,
    "severity": tuple(Severity),
    "status": (*ComplaintStatus, *CallbackStatus),
    "kind": tuple(CallbackKind),
    "direction": tuple(Direction),
    "role": tuple(Role),
}


@pytest.mark.parametrize("key", sorted(CODES))
def test_every_code_has_words(qapp, key):
    labels = Labels()
    raw = [str(code) for code in CODES[key] if labels.code(key, str(code)) == str(code)]
    assert raw == []


def test_the_wrap_up_names_every_default_disposition(qtbot):
    from callcenter.ui.inbound.wrap_up import WrapUpPanel

    panel = WrapUpPanel(DEFAULT_DISPOSITIONS)
    qtbot.addWidget(panel)
    texts = [button.text().split("  ", 1)[1] for button in panel.disposition_buttons.values()]
    assert not set(texts) & set(DEFAULT_DISPOSITIONS), texts
