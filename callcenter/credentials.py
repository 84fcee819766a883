"""Secrets (hub password, SIP password): the one module that touches ``keyring``.

Each secret is kept under ``service`` and a ``name`` (see ``HubSettings.secret_name``,
``sip_secret_name`` and ``HANDOFF_TOKEN_SECRET``). When the OS keyring is missing, locked or
broken, secrets are kept in this ``Secrets`` object's memory for the session only, so the app
works and asks again next time.
Share one ``Secrets`` instance in the app: the session memory belongs to the instance.

No secret value is ever logged: keyring errors are logged by type and message, with the value
cut out of the message should a backend echo it.
"""

from __future__ import annotations

import logging

import keyring
import keyring.backends.fail
import keyring.backends.null
from keyring.backends.chainer import ChainerBackend
from keyring.errors import PasswordDeleteError

from callcenter import APP_ID

log = logging.getLogger(__name__)

SERVICE = APP_ID

_NO_STORE_BACKENDS = (keyring.backends.fail.Keyring, keyring.backends.null.Keyring)


#: The bearer token of the hand-off webhook (``Settings.handoff_webhook_url``).
HANDOFF_TOKEN_SECRET = "handoff-webhook-token"


def sip_secret_name(account: str) -> str:
    """The name a SIP account's password is kept under, e.g. ``sip-password:1001@pbx.example``."""
    return f"sip-password:{account}"


def _describe(exc: BaseException, secret: str | None = None) -> str:
    """``Type: message`` for a log line, with ``secret`` cut out should the backend echo it."""
    text = f"{type(exc).__name__}: {exc}"
    if secret:
        text = text.replace(secret, "<secret>")
    return text


class Secrets:
    """Store, read and forget secrets in the OS keyring, falling back to session memory.

    Every keyring call is guarded: ``KeyringError`` and the odd exceptions backends raise
    (D-Bus, OS errors) are logged and switch this instance to memory-only for the session.
    """

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._memory: dict[str, str] = {}
        self._available: bool | None = None

    def available(self) -> bool:
        """True when an OS keyring can store secrets; the answer is cached for this instance."""
        if self._available is None:
            self._available = self._probe()
        return self._available

    def get(self, name: str) -> str | None:
        """The secret from the keyring, else the one kept in memory this session, else None."""
        _check_name(name)
        if self.available():
            try:
                value = keyring.get_password(self.service, name)
            except Exception as exc:  # KeyringError and whatever a backend raises
                self._give_up("get", name, exc)
            else:
                if value is not None:
                    return value
        return self._memory.get(name)

    def set(self, name: str, value: str, *, remember: bool = True) -> bool:
        """Keep ``value`` for this session and, when ``remember``, in the OS keyring.

        Returns True when the keyring stored it; False when it is only in memory (no keyring,
        keyring failed, or ``remember=False``, which also forgets any remembered value).
        """
        _check_name(name)
        self._memory[name] = value
        if not self.available():
            return False
        if not remember:
            self._delete_from_keyring(name)
            return False
        try:
            keyring.set_password(self.service, name, value)
        except Exception as exc:  # KeyringError and whatever a backend raises
            self._give_up("set", name, exc, secret=value)
            return False
        log.debug("secret %s stored in the OS keyring", name)
        return True

    def delete(self, name: str) -> None:
        """Forget the secret in memory and in the keyring; a missing secret is fine."""
        _check_name(name)
        self._memory.pop(name, None)
        if self.available():
            self._delete_from_keyring(name)

    def _delete_from_keyring(self, name: str) -> None:
        try:
            keyring.delete_password(self.service, name)
        except PasswordDeleteError:
            log.debug("secret %s was not in the OS keyring", name)
        except Exception as exc:  # KeyringError and whatever a backend raises
            self._give_up("delete", name, exc)

    def _probe(self) -> bool:
        try:
            backend = keyring.get_keyring()
            usable = not isinstance(backend, _NO_STORE_BACKENDS) and not (
                isinstance(backend, ChainerBackend) and not backend.backends
            )
            backend_name = type(backend).__module__ + "." + type(backend).__qualname__
        except Exception as exc:  # keyring's backend discovery can fail in odd ways
            log.warning(
                "no OS keyring (%s); secrets are kept for this session only", _describe(exc)
            )
            return False
        if usable:
            log.info("OS keyring available: %s", backend_name)
        else:
            log.warning("no OS keyring (%s); secrets are kept for this session only", backend_name)
        return usable

    def _give_up(
        self, action: str, name: str, exc: BaseException, secret: str | None = None
    ) -> None:
        log.warning(
            "keyring %s of %s failed (%s); secrets are kept for this session only",
            action,
            name,
            _describe(exc, secret),
        )
        self._available = False


def _check_name(name: str) -> None:
    if not name:
        raise ValueError("a secret needs a name")
