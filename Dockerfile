# kg: builds the sample graph at image build time and serves it (API, SPARQL, web page).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    KG_DATA_DIR=/app \
    KG_STORE=/app/data/store

RUN groupadd --system --gid 10001 kg && useradd --system --uid 10001 --gid kg --home-dir /app --shell /usr/sbin/nologin kg

WORKDIR /app
COPY pyproject.toml README.md ./
COPY kg ./kg
COPY ontology ./ontology
COPY queries ./queries
COPY examples ./examples
RUN pip install --no-cache-dir . \
    && kg ingest --workers 1 examples/listings/*.txt \
    && chown -R kg:kg /app/data

USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"]
CMD ["kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
