"""Persistence: SQLAlchemy models, engines and sessions, Alembic migrations.

Qt-free; imports neither ``callcenter.ui`` nor ``callcenter.telephony``.
"""
