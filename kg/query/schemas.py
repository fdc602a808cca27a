"""Pydantic response models of the REST API (with examples, for /docs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

EX_LLAMA = "https://w3id.org/kg/id/model/llama-3.1-8b"


class EntityRef(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "iri": EX_LLAMA,
                "id": "model/llama-3.1-8b",
                "label": "Llama 3.1 8B",
                "type": "Model",
            }
        }
    )

    iri: str = Field(description="The entity's IRI.")
    id: str | None = Field(
        None, description="The entity id (`<type>/<slug>`), when the IRI is a kg one."
    )
    label: str = Field(description="skos:prefLabel.")
    type: str = Field(description="Model, Method, Benchmark, Hardware or Metric.")


class Suggestion(EntityRef):
    pass


class NotFoundBody(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "detail": "no Model/Method matches 'Lama 3'",
                "name": "Lama 3",
                "suggestions": [
                    {
                        "iri": "https://w3id.org/kg/id/model/llama-3",
                        "id": "model/llama-3",
                        "label": "Llama 3",
                        "type": "Model",
                    }
                ],
            }
        }
    )

    detail: str
    name: str | None = None
    suggestions: list[Suggestion] = Field(default_factory=list)


class ErrorBody(BaseModel):
    detail: Any = Field(description="What was wrong with the request.")
    suggestions: list[Suggestion] = Field(default_factory=list)


class EvaluationResult(BaseModel):
    subject: EntityRef = Field(
        description="The model/method actually evaluated (may be a variant)."
    )
    target: EntityRef = Field(
        description="The benchmark or hardware actually named (may be a variant)."
    )
    metric: EntityRef | None = None
    value: float | None = None
    unit: str | None = Field(
        None, description='"%", "points", "x", "absolute", "ms", "FPS", "tokens/s" or "dB".'
    )
    value_text: str | None = None
    evidence: str | None = Field(None, description="The sentence the result was read from.")
    purpose: str | None = Field(
        None, description="For hardware: training, inference, evaluation, unspecified."
    )
    base_models: list[EntityRef] = Field(
        default_factory=list,
        description="Models the evaluated method was run on (kg:baseModel), when stated.",
    )
    via: str = Field(
        "subject",
        description='"subject": the subject (or a variant) was evaluated; "base model": a '
        "method run on the subject (or a variant) as its base model was.",
    )
    value_kind: str | None = Field(
        None, description="Score, Improvement, Ratio, Range, Spread or Count (kg:valueKind)."
    )


class EvaluationPaper(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "2510.14968",
                "title": "Efficient reasoning with ...",
                "url": "https://arxiv.org/abs/2510.14968",
                "date": "2025-10-16",
                "evidence": "Llama 3.1 8B reaches 84.5% on GSM8K.",
                "metric": {
                    "iri": "https://w3id.org/kg/id/metric/accuracy",
                    "id": "metric/accuracy",
                    "label": "accuracy",
                    "type": "Metric",
                },
                "value": 84.5,
                "unit": "%",
                "results": [],
            }
        }
    )

    id: str = Field(description="Paper key: the arXiv id, or t-<hash> without one.")
    iri: str
    title: str
    url: str | None = None
    date: dt.date | None = None
    evidence: str | None = Field(None, description="Evidence sentence of the first result.")
    metric: EntityRef | None = None
    value: float | None = None
    unit: str | None = None
    results: list[EvaluationResult] = Field(
        default_factory=list, description="Every matching result in the paper."
    )


class EvaluationsResponse(BaseModel):
    subject: EntityRef
    target: EntityRef
    include_variants: bool
    subject_variants: int = Field(
        description="How many entities the subject stands for (itself + variants)."
    )
    target_variants: int
    total: int = Field(description="Papers with an evaluation statement, before pagination.")
    papers: list[EvaluationPaper] = Field(
        description="Tier 1, evaluated: papers stating a result of the subject (or of a "
        "method run on it as base model) on the target."
    )
    mentioned_total: int = Field(0, description="Papers in tier 2, before pagination.")
    mentioned: list[PaperSummary] = Field(
        default_factory=list,
        description="Tier 2, mentioned only: papers that mention both (or variants) but "
        "state no evaluation of one on the other. Weaker evidence.",
    )
    alternatives: list[Suggestion] = Field(
        default_factory=list,
        description="Other entities the subject or target name also matched.",
    )


class CannedParamOut(BaseModel):
    name: str
    type: str
    required: bool
    default: Any | None = None
    example: Any | None = None
    description: str = ""
    entity: list[str] = Field(
        default_factory=list, description="Entity types a name resolves among."
    )
    choices: list[str] = Field(default_factory=list, description="Allowed values, if listed.")


class CannedQueryOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "name": "papers-evaluating",
                "summary": "Papers that evaluate a model or method on a benchmark",
                "description": "",
                "tags": ["evaluation"],
                "url": "/api/queries/papers-evaluating?subject=Llama&target=GSM8K",
                "params": [
                    {
                        "name": "subject",
                        "type": "iri",
                        "required": True,
                        "example": "Llama",
                        "entity": ["Model", "Method"],
                    }
                ],
            }
        }
    )

    name: str
    summary: str
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    params: list[CannedParamOut] = Field(default_factory=list)
    url: str = Field(description="A runnable example.")
    sparql: str | None = Field(
        None, description="The query text (only in /api/queries/{name}/sparql)."
    )


class CannedResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "query": "most-used-benchmarks",
                "params": {},
                "variables": ["benchmark", "label", "papers"],
                "rows": [
                    {
                        "benchmark": "https://w3id.org/kg/id/benchmark/gsm8k",
                        "label": "GSM8K",
                        "papers": 12,
                    }
                ],
                "count": 1,
                "truncated": False,
            }
        }
    )

    query: str
    params: dict[str, str] = Field(description="The parameters as given.")
    variables: list[str]
    rows: list[dict[str, Any]]
    count: int
    truncated: bool = False


class PaperSummary(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "2510.14968",
                "iri": "https://w3id.org/kg/id/paper/2510.14968",
                "title": "Robust and Efficient Guardrails with Latent Reasoning",
                "url": "https://arxiv.org/abs/2510.14968",
                "date": "2026-05-01",
                "categories": ["cs.CL"],
            }
        }
    )

    id: str
    iri: str
    title: str
    url: str | None = None
    date: dt.date | None = None
    categories: list[str] = Field(default_factory=list)


class PaperPage(BaseModel):
    total: int
    limit: int
    offset: int
    papers: list[PaperSummary]


class Evidence(BaseModel):
    sentence: str | None = None
    field: str | None = None
    start: int | None = None
    end: int | None = None
    confidence: float | None = None


class MentionOut(BaseModel):
    entity: EntityRef
    surface: str | None = None
    rule: str | None = None
    evidence: Evidence


class ProposalOut(BaseModel):
    entity: EntityRef
    evidence: Evidence


class EvaluationOut(BaseModel):
    subject: EntityRef
    benchmark: EntityRef
    metric: EntityRef | None = None
    value: float | None = None
    unit: str | None = None
    value_text: str | None = None
    evidence: Evidence


class HardwareUseOut(BaseModel):
    hardware: EntityRef
    subject: EntityRef | None = None
    purpose: str | None = None
    evidence: Evidence


class SourceOut(BaseModel):
    file: str | None = None
    record: int | None = None
    format: str | None = None


class PaperDetail(PaperSummary):
    abstract: str | None = None
    authors: list[str] = Field(default_factory=list)
    code_urls: list[str] = Field(default_factory=list)
    graph: str = Field(description="The named graph holding the paper's triples.")
    entities: list[EntityRef] = Field(
        default_factory=list, description="Everything the paper mentions."
    )
    proposes: list[ProposalOut] = Field(default_factory=list)
    evaluations: list[EvaluationOut] = Field(default_factory=list)
    hardware: list[HardwareUseOut] = Field(default_factory=list)
    mentions: list[MentionOut] = Field(default_factory=list)
    sources: list[SourceOut] = Field(
        default_factory=list, description="Listing records it was read from."
    )
    extractor_version: str | None = None


class EntityHit(EntityRef):
    kind: str | None = None
    aliases: list[str] = Field(default_factory=list)


class EntityHitCounted(EntityHit):
    papers: int = Field(0, description="Papers that mention it.")


class EntityPage(BaseModel):
    total: int = Field(0, description="Entities matching, before paging.")
    limit: int = 20
    offset: int = 0
    all: bool = Field(False, description="Never-mentioned vocabulary concepts included (all=true).")
    entities: list[EntityHitCounted]


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM.")
    papers: int


class Trend(BaseModel):
    entity: EntityRef
    include_variants: bool = True
    undated: int = Field(0, description="Mentioning papers without a date (not charted).")
    months: list[MonthCount]


class LeaderboardRow(BaseModel):
    rank: int
    subject: EntityRef
    base_models: list[EntityRef] = Field(default_factory=list)
    value: float
    unit: str | None = None
    value_text: str | None = None
    paper: PaperSummary
    evidence: str | None = None


class LeaderboardMetric(BaseModel):
    metric: EntityRef | None = Field(None, description="None: results that name no metric.")
    higher_is_better: bool | None = Field(
        None, description="The metric's direction; None = unknown (rows then descending)."
    )
    direction_known: bool = False
    rows: list[LeaderboardRow]


class Leaderboard(BaseModel):
    benchmark: EntityRef
    include_variants: bool = True
    note: str = Field(
        "Scores only (kg:valueKind kg:Score): improvements, spreads, ratios and "
        "speed-ups are left out.",
    )
    metrics: list[LeaderboardMetric]


class EntityCounts(BaseModel):
    papers: int = Field(description="Papers mentioning the entity.")
    papers_with_variants: int = Field(
        description="Papers mentioning it or any variant (skos:broader*)."
    )
    proposed_by: int
    evaluations_as_subject: int
    evaluations_as_benchmark: int
    hardware_usages: int


class EntityEvaluation(BaseModel):
    paper: PaperSummary
    subject: EntityRef
    benchmark: EntityRef
    metric: EntityRef | None = None
    value: float | None = None
    unit: str | None = None
    evidence: str | None = None


class EntityDetail(EntityHit):
    broader: list[EntityRef] = Field(default_factory=list)
    narrower: list[EntityRef] = Field(default_factory=list)
    counts: EntityCounts
    papers: list[PaperSummary] = Field(
        default_factory=list, description="Newest papers mentioning it (or a variant)."
    )
    proposed_by: list[PaperSummary] = Field(default_factory=list)
    evaluations: list[EntityEvaluation] = Field(default_factory=list)


class Health(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "status": "ok",
                "store": "data/store",
                "read_only": True,
                "sparql_workers": 2,
                "updates": False,
                "ready": True,
            }
        }
    )

    status: str
    store: str
    read_only: bool
    sparql_workers: int
    updates: bool
    ready: bool = Field(
        description="The name and paper indexes are built (the server builds them in the "
        "background at start, seconds on a large store); until then requests "
        "that need them wait, and the rest are slower"
    )


class Stats(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {"counts": {"Paper": 60000, "Model": 1800, "quads": 5_000_000}}
        }
    )

    counts: dict[str, int]
    entities: dict[str, EntityTypeCount] = Field(
        default_factory=dict,
        description="Per entity type: how many papers mention (mentioned) and how many "
        "the vocabulary defines (concepts).",
    )


class EntityTypeCount(BaseModel):
    mentioned: int = Field(description="Entities some paper mentions (kg:mentions).")
    concepts: int = Field(description="Entities of this type in the graph, vocabulary included.")


Stats.model_rebuild()
EvaluationsResponse.model_rebuild()
