"""What every window needs: the worker, the settings, the secrets and the open database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from callcenter.credentials import Secrets
from callcenter.settings import Settings
from callcenter.storage.database import Database
from callcenter.ui.tasks import TaskRunner


@dataclass
class UiContext:
    tasks: TaskRunner
    settings: Settings
    secrets: Secrets
    settings_path: Path | None = None
    demo: bool = False
    #: Set once the database is open and migrated (on the worker, at start-up).
    database: Database | None = field(default=None)
