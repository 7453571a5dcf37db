"""python -m services.users: run the users service."""

from services.runtime.bootstrap import run_service
from services.users.service import build
from services.users.settings import UsersSettings

run_service("users", build, UsersSettings)
