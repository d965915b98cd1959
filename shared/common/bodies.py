"""The bases of every area's HTTP bodies (`<area>/models.py`).

`defer_build`: pydantic builds a body's validator and serializer when a route first uses it (Powertools builds a
route's models on its first request), not when the area's module is imported. A cold start then builds the models of
the route it serves, not those of every route of the area (~0.6 ms each; 15–25 per area).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Body(BaseModel):
    """A response body (or a part of one)."""

    model_config = ConfigDict(defer_build=True)


class RequestBody(Body):
    """A request body: unknown fields are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)
