"""The errors of the query layer. Every face maps them the same way: `NotFound` (a
name, paper or query that matches nothing, with suggestions) to HTTP 404 / CLI exit 1,
`Ambiguous` (a name that fits several entities equally well, with the candidates) to
HTTP 409 / exit 1, `BadInput` to HTTP 400 / exit 2."""

from __future__ import annotations

from collections.abc import Sequence


class QueryError(ValueError):
    """Base of the errors a user can cause (never a bug): shown without a traceback."""

    status = 400

    def body(self) -> dict:
        return {"detail": str(self)}

    def __reduce__(self):
        # pickled as they are (args and fields), not through __init__, whose signature
        # differs per subclass: an export built in a child process raises them back
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[QueryError], args: tuple, fields: dict) -> QueryError:
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(fields)
    return err


class BadInput(QueryError):
    def __init__(self, message: str, suggestions: list[dict] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []

    def body(self) -> dict:
        return {"detail": str(self), "suggestions": self.suggestions}


class NotFound(QueryError, LookupError):
    """Nothing is called `name` (close matches in `suggestions`)."""

    status = 404

    def __init__(self, message: str, name: str = "", suggestions: list[dict] | None = None):
        super().__init__(message)
        self.name = name
        self.suggestions = suggestions or []

    def body(self) -> dict:
        return {"detail": str(self), "name": self.name, "suggestions": self.suggestions}


class NotResolved(NotFound):
    """A name that matches no entity (of the wanted types)."""

    def __init__(self, name: str, suggestions: list[dict], types: Sequence[str] = ()) -> None:
        want = "/".join(types) if types else "entity"
        super().__init__(f"no {want} matches {name!r}", name, suggestions)
        self.types = list(types)


class Ambiguous(NotFound):
    """A name that several entities carry, none better attested than the others."""

    status = 409

    def __init__(self, name: str, candidates: list[dict], types: Sequence[str] = ()) -> None:
        labels = ", ".join(f"{c['label']} ({c['type']}, {c['id'] or c['iri']})" for c in candidates)
        super().__init__(f"{name!r} is ambiguous: {labels}; give an id to choose", name, candidates)
        self.candidates = candidates
        self.types = list(types)

    def body(self) -> dict:
        return {**super().body(), "candidates": self.candidates}
