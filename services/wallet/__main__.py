"""python -m services.wallet: run the wallet service."""

from services.runtime.bootstrap import run_service
from services.wallet.service import build
from services.wallet.settings import WalletSettings

run_service("wallet", build, WalletSettings)
