"""Agents an administrator adds (``callcenter agent add``): they can sign in by their login."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from callcenter.agents import add_agent, find_agent, list_agents
from callcenter.storage.models import AuditEntry
from callcenter.validation import ValidationError

NOW = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


def test_an_added_agent_signs_in_by_login_and_the_addition_is_audited(any_db):
    added = add_agent(any_db, " zhaomin ", "赵敏", role="team_lead", extension="8010", now=NOW)
    assert (added.login, added.name, added.role) == ("zhaomin", "赵敏", "team_lead")
    assert find_agent(any_db, "zhaomin") == added
    assert [agent.login for agent in list_agents(any_db)] == ["zhaomin"]
    with any_db.session() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.entity_id) == ("agent.created", added.id)


def test_a_login_is_taken_once(any_db):
    add_agent(any_db, "zhaomin", "赵敏", now=NOW)
    with pytest.raises(ValidationError) as refused:
        add_agent(any_db, "zhaomin", "周敏", now=NOW)
    assert refused.value.field_codes == {"login": "taken"}
    assert "zhaomin" in refused.value.message
    assert [agent.name for agent in list_agents(any_db)] == ["赵敏"]


@pytest.mark.parametrize(
    ("login", "name", "role", "codes"),
    [
        ("", "赵敏", "agent", {"login": "required"}),
        ("zhao min", "赵敏", "agent", {"login": "has_spaces"}),
        ("x" * 65, "赵敏", "agent", {"login": "too_long"}),
        ("zhaomin", "  ", "agent", {"name": "required"}),
        ("zhaomin", "赵敏", "boss", {"role": "invalid"}),
    ],
)
def test_bad_agents_are_refused_with_the_reason(any_db, login, name, role, codes):
    with pytest.raises(ValidationError) as refused:
        add_agent(any_db, login, name, role=role, now=NOW)
    assert refused.value.field_codes == codes
    assert list_agents(any_db) == []
