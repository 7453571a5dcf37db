"""The voice service's tables (schema `voice`): the synthesized-audio cache."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, LargeBinary, MetaData, String, Table

metadata = MetaData(schema="voice")

synthesized_audio = Table(
    "synthesized_audio",
    metadata,
    # sha256 over (engine, engine configuration, voice, language, format, text).
    Column("cache_key", String(64), primary_key=True),
    Column("engine", String(32), nullable=False),
    Column("voice", String(80), nullable=False),  # voices/{voice}
    Column("language_code", String(8), nullable=False),
    Column("audio_format", String(16), nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("content_type", String(64), nullable=False),
    Column("audio", LargeBinary, nullable=False),
    Column("duration_ms", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True), nullable=False),
    # Set for a fallback engine's audio, so the preferred engine is asked again later.
    Column("expires_at", DateTime(timezone=True), nullable=True),
)
