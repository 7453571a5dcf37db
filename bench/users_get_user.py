"""GetUser round trips per second on one users process (PostgreSQL + Redis on localhost, the
runtime's full interceptor chain, a member's bearer token), beside a bare grpc.aio echo server
measured in the same run with the same client.

    .venv/bin/python bench/users_get_user.py [seconds per figure, default 5]

Needs PostgreSQL and Redis as for the tests (TEST_DATABASE_URL, TEST_REDIS_URL); it creates a
database of its own and drops it at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import secrets
import socket
import sys
import tempfile
import time
import uuid

import grpc
import uvloop
from bitsacco.users.v1 import users_service_pb2, users_service_pb2_grpc

from services.runtime.auth import ServiceTokens
from services.runtime.bootstrap import migrations_of
from services.runtime.db import Database
from services.supervisor import wait_serving
from services.users.client import UsersClient
from tests.conftest import REDIS_URL, fresh_database

CONCURRENCY = 64
ECHO = "/bench.Echo/Echo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_echo(port: int) -> None:
    """A bare grpc.aio unary echo (bytes in, bytes out), no interceptors, uvloop."""

    async def echo(request: bytes, context) -> bytes:
        return request

    async def main() -> None:
        server = grpc.aio.server(options=[("grpc.so_reuseport", 0)])
        handler = grpc.method_handlers_generic_handler(
            "bench.Echo", {"Echo": grpc.unary_unary_rpc_method_handler(echo)}
        )
        server.add_generic_rpc_handlers((handler,))
        server.add_insecure_port(f"127.0.0.1:{port}")
        await server.start()
        await server.wait_for_termination()

    uvloop.run(main())


async def rate(call, seconds: float) -> float:
    for _ in range(200):
        await call()
    count, deadline = 0, time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal count
        while time.perf_counter() < deadline:
            await call()
            count += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return count / (time.perf_counter() - started)


async def main(seconds: float) -> None:
    secret = secrets.token_hex(16)
    async with fresh_database(f"bench_users_{uuid.uuid4().hex[:8]}") as database_url:
        db = Database(database_url, "users")
        await db.migrate(migrations_of("users"))
        await db.close()
        users_port, echo_port = free_port(), free_port()
        with tempfile.TemporaryDirectory() as state:
            env = {
                **os.environ,
                "GRPC_PORT": str(users_port),
                "METRICS_PORT": "-1",
                "DATABASE_URL": database_url,
                "REDIS_URL": REDIS_URL,
                "NAMESPACE": f"bench{uuid.uuid4().hex[:6]}:",
                "SERVICE_SECRET": secret,
                "STATE_DIR": state,
                "WALLET_TARGET": "",
                "LOG_LEVEL": "WARNING",
            }
            users = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "services.users", env=env, stdout=asyncio.subprocess.DEVNULL
            )
            echo = multiprocessing.get_context("spawn").Process(
                target=serve_echo, args=(echo_port,), daemon=True
            )
            echo.start()
            try:
                if not await wait_serving(f"127.0.0.1:{users_port}", within_seconds=60):
                    raise RuntimeError("the users service did not start")
                await measure(users_port, echo_port, secret, seconds)
            finally:
                users.terminate()
                await users.wait()
                echo.terminate()
                echo.join(5)


async def measure(users_port: int, echo_port: int, secret: str, seconds: float) -> None:
    client = UsersClient(f"127.0.0.1:{users_port}", ServiceTokens(secret, "ai", "bitsacco"))
    member = await client.token_for_phone(
        "+25471" + f"{secrets.randbelow(10**7):07d}", create_user_if_missing=True
    )
    await client.close()
    metadata = (("authorization", f"Bearer {member.token}"),)
    request = users_service_pb2.GetUserRequest(name="users/me")
    size = len(users_service_pb2.GetUserResponse(user=member.user).SerializeToString())
    payload = b"x" * size
    async with (
        grpc.aio.insecure_channel(f"127.0.0.1:{users_port}") as users_channel,
        grpc.aio.insecure_channel(f"127.0.0.1:{echo_port}") as echo_channel,
    ):
        stub = users_service_pb2_grpc.UsersServiceStub(users_channel)
        echo = echo_channel.unary_unary(ECHO)
        for _ in range(100):
            with contextlib.suppress(grpc.aio.AioRpcError):
                await echo(payload, timeout=1)

        async def get_user():
            return await stub.GetUser(request, metadata=metadata)

        async def echo_call():
            return await echo(payload)

        echoes = await rate(echo_call, seconds)
        gets = await rate(get_user, seconds)
    print(
        f"GetUser round trips, {seconds:.0f} s each, concurrency {CONCURRENCY}, one process each:"
    )
    print(f"  bare grpc.aio echo ({size} bytes)              {echoes:8,.0f}/s")
    print(f"  users GetUser(users/me), PostgreSQL + token  {gets:8,.0f}/s  ({gets / echoes:.0%})")


if __name__ == "__main__":
    uvloop.run(main(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0))
