"""Events: a transactional outbox, relayed to a stream that consumer groups read.

1. `publish` writes the event into the service's `outbox` table inside the same transaction as
   the change it describes, so an event exists if and only if the change committed.
2. `OutboxRelay` appends unpublished rows to the stream `events.<service>`, using the outbox row id
   as the stream entry id, so a relay that dies after appending and before marking the row
   published appends nothing twice when it comes back.
3. `Consumer` reads with a consumer group, handles each event in a transaction that also records
   its id in `processed_events` (a duplicate is skipped), and only then acknowledges it; entries
   left unacknowledged by a dead consumer are claimed again after `claim_idle_seconds`.
4. Neither the stream nor the outbox grows without end: the relay deletes outbox rows published
   `retention` ago and trims from the stream what every consumer group has acknowledged (so a
   group no longer read holds it: destroy such a group); a stream without groups keeps what the
   outbox keeps. A row appended again after its entry was trimmed (the relay died between
   append and marking) is skipped by the consumers' `processed_events`, which is kept.

Production and tests use Redis Streams; the embedded shape uses a SQLite file with the same
semantics, so separate service processes still share one bus without any server.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import redis.asyncio as redis
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    func,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from services.runtime.cancellation import stopping
from services.runtime.db import Database, insert_ignoring_conflict
from services.runtime.locks import lock_until_commit

log = logging.getLogger("bitsacco.events")

# An integer primary key that SQLite also auto-increments.
RowId = BigInteger().with_variant(Integer(), "sqlite")


@dataclass(frozen=True)
class Event:
    event_id: str
    topic: str
    payload: dict
    source: str


@dataclass(frozen=True)
class StreamEntry:
    entry_id: str
    event: Event


def event_tables(metadata: MetaData) -> tuple[Table, Table]:
    """The outbox and the consumer dedupe table, in the service's own schema."""
    outbox = Table(
        "outbox",
        metadata,
        Column("id", RowId, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("topic", String(100), nullable=False),
        Column("payload", JSON, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("published_at", DateTime(timezone=True), index=True),
    )
    processed = Table(
        "processed_events",
        metadata,
        Column("consumer_group", String(100), primary_key=True),
        Column("event_id", String(36), primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False),
    )
    return outbox, processed


async def publish(session: AsyncSession, outbox: Table, topic: str, payload: dict) -> str:
    """Record an event in the caller's transaction; the relay sends it after commit."""
    event_id = str(uuid.uuid4())
    await session.execute(
        outbox.insert().values(
            event_id=event_id, topic=topic, payload=payload, created_at=datetime.now(UTC)
        )
    )
    return event_id


class EventBus(Protocol):
    async def append(self, stream: str, seq: int, event: Event) -> None: ...

    async def append_all(self, stream: str, entries: list[tuple[int, Event]]) -> None:
        """`append` each (seq, event) in order; one round trip where the bus can."""

    async def ensure_group(self, stream: str, group: str) -> None: ...

    async def read(
        self, stream: str, group: str, consumer: str, count: int, block_ms: int
    ) -> list[StreamEntry]: ...

    async def claim_stale(
        self, stream: str, group: str, consumer: str, idle_ms: int, count: int
    ) -> list[StreamEntry]: ...

    async def ack(self, stream: str, group: str, entry_id: str) -> None: ...

    async def trim_consumed(self, stream: str, ungrouped_floor: int) -> None:
        """Drop the entries every group of `stream` has acknowledged; from a stream without
        groups, those below the entry `ungrouped_floor`."""

    async def close(self) -> None: ...


def _fields(event: Event) -> dict[str, str]:
    return {
        "event_id": event.event_id,
        "topic": event.topic,
        "payload": json.dumps(event.payload, separators=(",", ":")),
        "source": event.source,
    }


def _event(fields: dict) -> Event:
    text = {
        k.decode() if isinstance(k, bytes) else k: v.decode() if isinstance(v, bytes) else v
        for k, v in fields.items()
    }
    return Event(text["event_id"], text["topic"], json.loads(text["payload"]), text["source"])


class RedisStreamBus:
    def __init__(self, url: str) -> None:
        self.client = redis.from_url(url)

    async def append(self, stream: str, seq: int, event: Event) -> None:
        try:
            await self.client.xadd(stream, _fields(event), id=f"{seq}-0")
        except redis.ResponseError as exc:
            if "equal or smaller" not in str(exc):
                raise
            if await self.client.xrange(stream, min=f"{seq}-0", max=f"{seq}-0"):
                return  # appended before the relay died: nothing to do
            # A row whose transaction committed after a later row's: append it after the top.
            top = (await self.client.xinfo_stream(stream))["last-generated-id"]
            top_ms = (top.decode() if isinstance(top, bytes) else top).split("-")[0]
            await self.client.xadd(stream, _fields(event), id=f"{top_ms}-*")

    async def append_all(self, stream: str, entries: list[tuple[int, Event]]) -> None:
        pipeline = self.client.pipeline(transaction=False)
        for seq, event in entries:
            pipeline.xadd(stream, _fields(event), id=f"{seq}-0")
        answers = await pipeline.execute(raise_on_error=False)
        for (seq, event), answer in zip(entries, answers, strict=True):
            if isinstance(answer, Exception):  # appended before, or committed out of order
                await self.append(stream, seq, event)

    async def ensure_group(self, stream: str, group: str) -> None:
        try:
            await self.client.xgroup_create(stream, group, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def read(self, stream, group, consumer, count, block_ms) -> list[StreamEntry]:
        answer = await self.client.xreadgroup(group, consumer, {stream: ">"}, count, block_ms)
        return [
            StreamEntry(entry_id.decode(), _event(fields))
            for _, entries in answer or ()
            for entry_id, fields in entries
        ]

    async def claim_stale(self, stream, group, consumer, idle_ms, count) -> list[StreamEntry]:
        _, entries, _ = await self.client.xautoclaim(stream, group, consumer, idle_ms, "0-0", count)
        return [
            StreamEntry(entry_id.decode(), _event(fields)) for entry_id, fields in entries if fields
        ]

    async def ack(self, stream: str, group: str, entry_id: str) -> None:
        await self.client.xack(stream, group, entry_id)

    async def trim_consumed(self, stream: str, ungrouped_floor: int) -> None:
        try:
            groups = await self.client.xinfo_groups(stream)
        except redis.ResponseError:  # no such stream yet
            return
        needed = [] if groups else [(ungrouped_floor, 0)]  # the oldest entry each group may need
        for group in groups:
            pending = await self.client.xpending(stream, group["name"])
            if pending["pending"]:
                needed.append(_entry_id(pending["min"]))
            else:  # everything up to the last delivered entry is acknowledged
                ms, seq = _entry_id(group["last-delivered-id"])
                needed.append((ms, seq + 1))
        ms, seq = min(needed)
        await self.client.xtrim(stream, minid=f"{ms}-{seq}", approximate=False)

    async def close(self) -> None:
        await self.client.aclose()


def _entry_id(value: bytes | str) -> tuple[int, int]:
    ms, _, seq = (value.decode() if isinstance(value, bytes) else value).partition("-")
    return int(ms), int(seq or 0)


_bus_metadata = MetaData()
_entries = Table(
    "entries",
    _bus_metadata,
    Column("stream", String(100), primary_key=True),
    Column("seq", RowId, primary_key=True),
    Column("fields", Text, nullable=False),
)
_groups = Table(
    "groups",
    _bus_metadata,
    Column("stream", String(100), primary_key=True),
    Column("grp", String(100), primary_key=True),
)
_deliveries = Table(
    "deliveries",
    _bus_metadata,
    Column("stream", String(100), primary_key=True),
    Column("grp", String(100), primary_key=True),
    Column("seq", RowId, primary_key=True),
    Column("consumer", String(100), nullable=False),
    Column("delivered_at", Float, nullable=False),
    Column("acked", Boolean, nullable=False, default=False),
)


class SqliteStreamBus:
    """The embedded bus: a SQLite file shared by the service processes on this machine."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = Database(f"sqlite+aiosqlite:///{path}", schema="bus")
        self._ready = False
        self._known_groups: set[tuple[str, str]] = set()

    async def _tables(self) -> None:
        if not self._ready:
            async with self._db.engine.begin() as conn:
                await conn.run_sync(_bus_metadata.create_all)
                # Groups that read before `groups` existed are known from their deliveries.
                await conn.execute(
                    _groups.insert()
                    .prefix_with("OR IGNORE")
                    .from_select(["stream", "grp"], select(_deliveries.c.stream, _deliveries.c.grp))
                )
            self._ready = True

    async def append(self, stream: str, seq: int, event: Event) -> None:
        await self._tables()
        async with self._db.transaction() as session:
            await insert_ignoring_conflict(
                session,
                _entries,
                {"stream": stream, "seq": seq, "fields": json.dumps(_fields(event))},
            )

    async def append_all(self, stream: str, entries: list[tuple[int, Event]]) -> None:
        for seq, event in entries:
            await self.append(stream, seq, event)

    async def ensure_group(self, stream: str, group: str) -> None:
        await self._tables()
        if (stream, group) not in self._known_groups:
            async with self._db.transaction() as session:
                await insert_ignoring_conflict(session, _groups, {"stream": stream, "grp": group})
            self._known_groups.add((stream, group))

    async def read(self, stream, group, consumer, count, block_ms) -> list[StreamEntry]:
        deadline = time.monotonic() + block_ms / 1000
        while True:
            async with self._db.transaction() as session:
                delivered = select(_deliveries.c.seq).where(
                    _deliveries.c.stream == stream, _deliveries.c.grp == group
                )
                rows = (
                    await session.execute(
                        select(_entries.c.seq, _entries.c.fields)
                        .where(_entries.c.stream == stream, _entries.c.seq.not_in(delivered))
                        .order_by(_entries.c.seq)
                        .limit(count)
                    )
                ).all()
                for seq, _ in rows:
                    await session.execute(
                        _deliveries.insert().values(
                            stream=stream,
                            grp=group,
                            seq=seq,
                            consumer=consumer,
                            delivered_at=time.time(),
                            acked=False,
                        )
                    )
            if rows or time.monotonic() >= deadline:
                return [StreamEntry(f"{seq}-0", _event(json.loads(f))) for seq, f in rows]
            await asyncio.sleep(0.05)

    async def claim_stale(self, stream, group, consumer, idle_ms, count) -> list[StreamEntry]:
        async with self._db.transaction() as session:
            stale = and_(
                _deliveries.c.stream == stream,
                _deliveries.c.grp == group,
                _deliveries.c.acked.is_(False),
                _deliveries.c.delivered_at < time.time() - idle_ms / 1000,
            )
            rows = (
                await session.execute(
                    select(_entries.c.seq, _entries.c.fields)
                    .join(
                        _deliveries,
                        and_(
                            _deliveries.c.stream == _entries.c.stream,
                            _deliveries.c.seq == _entries.c.seq,
                        ),
                    )
                    .where(stale)
                    .order_by(_entries.c.seq)
                    .limit(count)
                )
            ).all()
            seqs = [seq for seq, _ in rows]
            if seqs:
                await session.execute(
                    update(_deliveries)
                    .where(stale, _deliveries.c.seq.in_(seqs))
                    .values(consumer=consumer, delivered_at=time.time())
                )
        return [StreamEntry(f"{seq}-0", _event(json.loads(f))) for seq, f in rows]

    async def ack(self, stream: str, group: str, entry_id: str) -> None:
        seq = int(entry_id.split("-")[0])
        async with self._db.transaction() as session:
            await session.execute(
                update(_deliveries)
                .where(
                    _deliveries.c.stream == stream,
                    _deliveries.c.grp == group,
                    _deliveries.c.seq == seq,
                )
                .values(acked=True)
            )

    async def trim_consumed(self, stream: str, ungrouped_floor: int) -> None:
        await self._tables()
        async with self._db.transaction() as session:
            groups = (
                (await session.execute(select(_groups.c.grp).where(_groups.c.stream == stream)))
                .scalars()
                .all()
            )
            past_last = (
                await session.execute(
                    select(func.max(_entries.c.seq) + 1).where(_entries.c.stream == stream)
                )
            ).scalar()
            if past_last is None:  # the stream holds nothing
                return
            needed = [] if groups else [ungrouped_floor]
            for group in groups:
                acked = select(_deliveries.c.seq).where(
                    _deliveries.c.stream == stream,
                    _deliveries.c.grp == group,
                    _deliveries.c.acked.is_(True),
                )
                oldest = (
                    await session.execute(
                        select(func.min(_entries.c.seq)).where(
                            _entries.c.stream == stream, _entries.c.seq.not_in(acked)
                        )
                    )
                ).scalar()
                needed.append(past_last if oldest is None else oldest)  # None: all acknowledged
            floor = min(needed)
            for table in (_entries, _deliveries):
                await session.execute(
                    table.delete().where(table.c.stream == stream, table.c.seq < floor)
                )

    async def close(self) -> None:
        await self._db.close()


def open_bus(redis_url: str | None, state_dir: Path) -> EventBus:
    return RedisStreamBus(redis_url) if redis_url else SqliteStreamBus(state_dir / "events.db")


def stream_name(service: str, namespace: str = "") -> str:
    return f"{namespace}events.{service}"


class OutboxRelay:
    """Moves committed outbox rows to the service's stream, in row order."""

    def __init__(
        self,
        db: Database,
        outbox: Table,
        bus: EventBus,
        namespace: str = "",
        batch: int = 100,
        retention: timedelta = timedelta(days=7),
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._bus = bus
        self._stream = stream_name(db.schema, namespace)
        self._batch = batch
        # How long a relayed row stays in the outbox: a record of what was published, to look
        # into or to replay by hand.
        self._retention = retention

    async def relay_once(self) -> int:
        async with self._db.transaction() as session:
            # One relay per service at a time keeps appends in row order.
            if not await lock_until_commit(session, self._stream, wait=False):
                return 0
            rows = (
                await session.execute(
                    select(self._outbox)
                    .where(self._outbox.c.published_at.is_(None))
                    .order_by(self._outbox.c.id)
                    .limit(self._batch)
                )
            ).all()
            if rows:
                await self._bus.append_all(
                    self._stream,
                    [(r.id, Event(r.event_id, r.topic, r.payload, self._db.schema)) for r in rows],
                )
                await session.execute(
                    update(self._outbox)
                    .where(self._outbox.c.id.in_([row.id for row in rows]))
                    .values(published_at=datetime.now(UTC))
                )
        return len(rows)

    async def tidy_once(self, batch: int = 1000) -> int:
        """Delete outbox rows published `retention` ago (at most `batch`, so no statement holds
        locks for long), then trim the stream of what every consumer group has acknowledged —
        or, when it has no group, of what the outbox no longer keeps."""
        cutoff = datetime.now(UTC) - self._retention
        outbox = self._outbox
        async with self._db.transaction() as session:
            old = (
                select(outbox.c.id)
                .where(
                    outbox.c.published_at < cutoff,
                    # SQLite numbers a new row after the highest one left: keeping the newest
                    # keeps ids from being reused, which the stream would take for a repeat.
                    outbox.c.id < select(func.max(outbox.c.id)).scalar_subquery(),
                )
                .order_by(outbox.c.id)
                .limit(batch)
            )
            deleted = await session.execute(
                outbox.delete().where(outbox.c.id.in_(old.scalar_subquery()))
            )
            kept_from = (await session.execute(select(func.min(outbox.c.id)))).scalar()
        if kept_from is not None:
            await self._bus.trim_consumed(self._stream, kept_from)
        return deleted.rowcount

    async def run(
        self, idle_seconds: float = 0.2, linger_seconds: float = 0.1, tidy_seconds: float = 60.0
    ) -> None:
        next_tidy = time.monotonic() + tidy_seconds
        while True:
            try:
                relayed = await self.relay_once()
                if time.monotonic() >= next_tidy:
                    next_tidy = time.monotonic() + tidy_seconds
                    await self.tidy_once()
            except Exception:
                if stopping():
                    raise
                log.exception("outbox relay failed; retrying")
                relayed = 0
            if relayed == self._batch:
                continue  # more are waiting
            # After a partial batch, linger so the next pass carries several rows: under a steady
            # trickle, passing again at once costs a transaction per event (a fifth of a busy
            # wallet's CPU); a tenth of a second later is still soon for what consumers do.
            await asyncio.sleep(linger_seconds if relayed else idle_seconds)


Handler = Callable[[AsyncSession, Event], Awaitable[None]]


class Consumer:
    """Handles each event of `stream` once per `group`, however often it is delivered."""

    def __init__(
        self,
        db: Database,
        processed: Table,
        bus: EventBus,
        stream: str,
        group: str,
        handler: Handler,
        consumer_name: str | None = None,
        claim_idle_seconds: float = 30.0,
    ) -> None:
        self._db = db
        self._processed = processed
        self._bus = bus
        self._stream = stream
        self._group = group
        self._handler = handler
        self._name = consumer_name or f"{group}-{uuid.uuid4().hex[:8]}"
        self._claim_idle_ms = int(claim_idle_seconds * 1000)

    async def consume_once(self, block_ms: int = 1000, count: int = 50) -> int:
        await self._bus.ensure_group(self._stream, self._group)
        entries = await self._bus.claim_stale(
            self._stream, self._group, self._name, self._claim_idle_ms, count
        )
        if not entries:
            entries = await self._bus.read(self._stream, self._group, self._name, count, block_ms)
        for entry in entries:
            await self._handle(entry)
            await self._bus.ack(self._stream, self._group, entry.entry_id)
        return len(entries)

    async def _handle(self, entry: StreamEntry) -> None:
        async with self._db.transaction() as session:
            first_time = await insert_ignoring_conflict(
                session,
                self._processed,
                {
                    "consumer_group": self._group,
                    "event_id": entry.event.event_id,
                    "processed_at": datetime.now(UTC),
                },
            )
            if first_time:
                await self._handler(session, entry.event)

    async def run(self) -> None:
        while True:
            try:
                await self.consume_once()
            except Exception:
                if stopping():
                    raise
                log.exception("consumer %s failed; retrying", self._group)
                await asyncio.sleep(1)


def create_event_tables() -> None:
    """For a service's first Alembic migration: its outbox and consumer dedupe tables."""
    from alembic import op

    from services.runtime.db import migration_schema

    outbox, processed = event_tables(MetaData(schema=migration_schema()))
    outbox.create(op.get_bind())
    processed.create(op.get_bind())
