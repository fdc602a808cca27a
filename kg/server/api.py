"""The REST API's HTTP side: routes, parameters, status codes, content negotiation.

The answers come from the query layer (`kg.query`); every route gets the current
`KG` snapshot through the `get_kg` dependency `create_app` passes to `build_router`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import JSONResponse, Response

from kg.query import KG
from kg.query import schemas as S
from kg.query.entities import entity as entity_view
from kg.query.entities import list_entities, trend
from kg.query.evaluations import find_evaluations
from kg.query.leaderboard import leaderboard as leaderboard_view
from kg.query.papers import UNDATED, search
from kg.query.papers import paper as paper_view
from kg.query.stats import stats as stats_view
from kg.server.api_canned import add_canned_routes

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": S.NotFoundBody, "description": "A name matched nothing; close matches."},
    409: {"model": S.NotFoundBody, "description": "A name fits several entities (candidates)."},
}
BAD: dict[int | str, dict[str, Any]] = {
    400: {"model": S.ErrorBody, "description": "Bad or missing parameters."}
}


@dataclass
class ServerInfo:
    """What /health reports besides the KG: set by create_app."""

    store: str
    read_only: bool
    updates: bool
    workers_alive: Callable[[], int]
    status: Callable[[], str]  # the SPARQL pool's: "ok", "starting" or "unavailable"


def build_router(get_kg: Callable[..., KG], info: ServerInfo) -> APIRouter:
    """Every /api route and /health, answering from the KG `get_kg` gives per request."""
    router = APIRouter()
    K = Depends(get_kg)

    @router.get(
        "/health",
        response_model=S.Health,
        tags=["meta"],
        summary="Liveness",
        responses={503: {"description": "No SPARQL worker is running."}},
    )
    def health(kg: KG = K) -> Response:
        status = info.status()  # "ok", "starting" or "unavailable" (503)
        body = S.Health(
            status=status,
            store=info.store,
            read_only=info.read_only,
            sparql_workers=info.workers_alive(),
            updates=info.updates,
            ready=kg.ready,
        )
        return JSONResponse(
            body.model_dump(mode="json"), status_code=503 if status == "unavailable" else 200
        )

    @router.get("/api/stats", response_model=S.Stats, tags=["meta"], summary="Counts")
    def stats(kg: KG = K) -> S.Stats:
        """Papers, facts and quads; per entity type, the entities papers mention apart
        from the vocabulary's concepts (`entities`)."""
        return stats_view(kg)

    @router.get(
        "/api/evaluations",
        response_model=S.EvaluationsResponse,
        tags=["evaluations"],
        responses={**NOT_FOUND, **BAD},
        summary="Papers that evaluate a model or method on a benchmark or hardware",
    )
    def evaluations(
        kg: KG = K,
        subject: str = Query(..., min_length=1, max_length=1000, examples=["Llama"]),
        target: str = Query(..., min_length=1, max_length=1000, examples=["GSM8K"]),
        include_variants: bool = Query(
            True, description="Follow skos:broader* below subject and target."
        ),
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> S.EvaluationsResponse:
        """Tier 1 (`papers`): papers stating a result of the subject, or of a method run
        on it as base model, on the target (or variants), newest first, each with evidence,
        metric, value and unit. Tier 2 (`mentioned`): papers that mention both without
        such a statement. Names resolve by label or alias (exact first); 404 with
        suggestions when a name matches nothing."""
        return find_evaluations(kg, subject, target, include_variants, limit, offset)

    @router.get(
        "/api/leaderboard",
        response_model=S.Leaderboard,
        tags=["evaluations"],
        responses={**NOT_FOUND, **BAD},
        summary="Scores on a benchmark, per metric, best first",
    )
    def leaderboard(
        kg: KG = K,
        benchmark: str = Query(..., min_length=1, max_length=1000, examples=["GSM8K"]),
        metric: str | None = Query(None, max_length=1000, description="Only this metric."),
        include_variants: bool = Query(True),
        limit: int = Query(50, ge=1, le=1000, description="Rows per metric."),
    ) -> S.Leaderboard:
        """Only scores (kg:valueKind kg:Score), ordered by the metric's direction
        (kg:higherIsBetter; unknown: descending, and `direction_known` is false)."""
        return leaderboard_view(kg, benchmark, metric, include_variants, limit)

    add_canned_routes(router, K)

    @router.get(
        "/api/papers",
        response_model=S.PaperPage,
        tags=["papers"],
        responses={**NOT_FOUND, **BAD},
        summary="Search papers by text, entity, category and date",
    )
    def papers(
        kg: KG = K,
        q: str | None = Query(None, max_length=500, description="Words in title or abstract."),
        entity: str | None = Query(None, max_length=1000, description="Mentioning this."),
        category: str | None = Query(None, max_length=100, description="e.g. cs.LG."),
        date_from: str | None = Query(None, alias="from", description="YYYY-MM-DD."),
        date_to: str | None = Query(None, alias="to", description="YYYY-MM-DD."),
        undated: str = Query(
            "exclude",
            description=f"Papers without a date when from/to is given: {', '.join(UNDATED)}.",
        ),
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> S.PaperPage:
        """Newest first. All filters combine (AND)."""
        return search(kg, q, entity, category, date_from, date_to, undated, limit, offset)

    @router.get(
        "/api/papers/{paper_id:path}",
        response_model=S.PaperDetail,
        tags=["papers"],
        responses={404: {"model": S.ErrorBody}},
        summary="One paper: metadata, entities, facts and their provenance",
    )
    def paper(
        kg: KG = K,
        paper_id: str = Path(..., max_length=300, examples=["2510.14968"]),
    ) -> S.PaperDetail:
        return paper_view(kg, paper_id)

    @router.get(
        "/api/entities",
        response_model=S.EntityPage,
        tags=["entities"],
        responses=BAD,
        summary="Entities papers mention, most mentioned first (autocomplete with q)",
    )
    def entities(
        kg: KG = K,
        q: str = Query("", max_length=200, description="Label or alias prefix."),
        type: list[str] | None = Query(None, description="Model, Method, … (repeatable)."),
        all: bool = Query(False, description="Also never-mentioned vocabulary concepts."),
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> S.EntityPage:
        return list_entities(kg, q, type, limit, offset, all)

    @router.get(
        "/api/entities/{entity_id:path}/trend",
        response_model=S.Trend,
        tags=["entities"],
        responses=NOT_FOUND,
        summary="Papers mentioning an entity, per month",
    )
    def entity_trend(
        kg: KG = K,
        entity_id: str = Path(..., max_length=1000),
        include_variants: bool = Query(True),
    ) -> S.Trend:
        return trend(kg, entity_id, include_variants)

    @router.get(
        "/api/entities/{entity_id:path}",
        response_model=S.EntityDetail,
        tags=["entities"],
        responses=NOT_FOUND,
        summary="Everything known about one entity",
    )
    def entity(
        kg: KG = K,
        entity_id: str = Path(..., max_length=1000, examples=["model/llama-3.1-8b"]),
        limit: int = Query(20, ge=1, le=200, description="Most papers / evaluations listed."),
    ) -> S.EntityDetail:
        return entity_view(kg, entity_id, limit)

    return router


__all__ = ["build_router", "ServerInfo", "HTTPException"]
