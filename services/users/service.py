"""Assembles the users service for the runtime."""

from __future__ import annotations

from bitsacco.users.v1 import users_service_pb2_grpc

from services.runtime.bootstrap import Resources
from services.runtime.server import Service


class UsersHandlers(users_service_pb2_grpc.UsersServiceServicer):
    """The contract's RPCs; each answers UNIMPLEMENTED until its issue implements it."""


async def build(resources: Resources) -> Service:
    return Service(name="users", servicers=[UsersHandlers()])
