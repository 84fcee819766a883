"""Teams and the agents in them."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from callcenter.storage.base import Base, SharedMixin


class Role(StrEnum):
    AGENT = "agent"
    TEAM_LEAD = "team_lead"
    ADMIN = "admin"


class Team(SharedMixin, Base):
    __tablename__ = "teams"

    name: Mapped[str] = mapped_column(String(120))


class Agent(SharedMixin, Base):
    __tablename__ = "agents"

    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"), index=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16), default=Role.AGENT)
    extension: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
