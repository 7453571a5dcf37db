"""The registry of approved WhatsApp templates (templates.toml) and how a template reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bitsacco.notification.v1 import notification_pb2 as pb

from services.runtime.errors import FieldViolation, InvalidArgument

_PLACEHOLDER = re.compile(r"\{\{(\d+)\}\}")


@dataclass(frozen=True)
class Template:
    name: str
    language_code: str
    body: str

    @property
    def parameter_count(self) -> int:
        return len({int(n) for n in _PLACEHOLDER.findall(self.body)})

    def render(self, parameters: list[str]) -> str:
        return _PLACEHOLDER.sub(
            lambda m: (
                parameters[int(m.group(1)) - 1]
                if int(m.group(1)) <= len(parameters)
                else m.group(0)
            ),
            self.body,
        )


class TemplateRegistry:
    def __init__(self, templates: list[Template]) -> None:
        self._templates = {(t.name, t.language_code): t for t in templates}

    @classmethod
    def from_toml(cls, data: dict) -> TemplateRegistry:
        return cls(
            [
                Template(name, language, str(fields["body"]))
                for name, languages in data.items()
                for language, fields in languages.items()
            ]
        )

    def find(self, name: str, language_code: str) -> Template | None:
        found = self._templates.get((name, language_code))
        if found is None and "_" in language_code:  # en_US falls back to en
            found = self._templates.get((name, language_code.split("_")[0]))
        return found

    def check(self, template: pb.TemplateContent, field: str) -> Template:
        """The registered template, or INVALID_ARGUMENT UNKNOWN_TEMPLATE / parameter count."""
        found = self.find(template.name, template.language_code)
        if found is None:
            raise InvalidArgument(
                "UNKNOWN_TEMPLATE",
                f"No approved template {template.name!r} in {template.language_code!r}.",
                violations=[FieldViolation(f"{field}.name", "not a registered template")],
            )
        if len(template.parameters) != found.parameter_count:
            raise InvalidArgument(
                "TEMPLATE_PARAMETERS_MISMATCH",
                f"Template {found.name!r} takes {found.parameter_count} parameters, "
                f"{len(template.parameters)} given.",
                violations=[
                    FieldViolation(
                        f"{field}.parameters", f"expected {found.parameter_count} parameters"
                    )
                ],
            )
        return found
