"""Settings read from the environment when first needed, never at import, so moto can start first in tests.

`EnvValue` is a descriptor: used as a class attribute (PynamoDB `Meta.table_name`), it reads the variable each time
it is looked up, so a model class can be defined at import and bound to its table when first used.
"""

from __future__ import annotations

import os


class EnvValue:
    def __init__(self, variable: str, default: str | None = None):
        self.variable = variable
        self.default = default

    def __get__(self, instance: object, owner: type | None = None) -> str:
        value = os.environ.get(self.variable, self.default)
        if value is None:
            raise RuntimeError(f"environment variable {self.variable} is not set")
        return value


def env(variable: str, default: str | None = None) -> str:
    return EnvValue(variable, default).__get__(None)


def region() -> str:
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "ap-northeast-2"
