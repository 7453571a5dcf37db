"""Settings of the ai service (environment variables; secrets have no default).

With no model key configured, understanding runs offline (services.ai.understanding). With
OPENAI_API_KEY an OpenAI model is asked first, then Anthropic when ANTHROPIC_API_KEY is set, and
the offline understanding answers whenever neither does in time.
"""

from __future__ import annotations

from pydantic import Field, SecretStr

from services.runtime.settings import SERVICE_PORTS, RuntimeSettings


class AiSettings(RuntimeSettings):
    service_name: str = "ai"

    # Understanding by a language model (function calling). Unset keys: offline only.
    openai_api_key: SecretStr | None = Field(default=None)
    openai_base_url: str | None = None  # None: the SDK's default (api.openai.com)
    openai_model: str = "gpt-4o-mini"
    anthropic_api_key: SecretStr | None = Field(default=None)
    anthropic_base_url: str | None = None  # None: the SDK's default (api.anthropic.com)
    anthropic_model: str = "claude-haiku-4-5"
    # How long each model may take before the next one (and finally the offline understanding)
    # answers instead.
    llm_timeout_seconds: float = 4.0

    # The services a turn calls as the member.
    wallet_target: str = f"127.0.0.1:{SERVICE_PORTS['wallet']}"
    chama_target: str = f"127.0.0.1:{SERVICE_PORTS['chama']}"
    notification_target: str = f"127.0.0.1:{SERVICE_PORTS['notification']}"
    call_timeout_seconds: float = 10.0
    # How long a member's token and profile are reused between messages (at most a minute).
    member_cache_seconds: float = 60.0

    # Dialogue.
    # A conversation's context (and its turns) is kept this long after the last message.
    context_ttl_seconds: int = 24 * 3600
    confirmation_ttl_seconds: int = 5 * 60  # a read-back waits this long for YES
    # Below this confidence the assistant asks what was meant instead of acting.
    min_confidence: float = 0.5
    terms_url: str = "https://bitsacco.com/terms"
    privacy_url: str = "https://bitsacco.com/privacy"
    terms_policy_version: str = "2025-01"

    # Turns: who may create them, and when a turn left unfinished (a crash) may be taken over.
    turn_callers: list[str] = Field(default_factory=lambda: ["notification"])
    turn_lease_seconds: float = 60.0

    # Per-caller limit on Interpret and the conversation reads (the channel limits turns).
    requests_per_minute: int = 100


def ai_settings(settings: RuntimeSettings) -> AiSettings:
    """`settings` as AiSettings (the test harness may hand a plain RuntimeSettings)."""
    if isinstance(settings, AiSettings):
        return settings
    return AiSettings(**settings.model_dump(exclude_unset=True))
