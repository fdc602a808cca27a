# kg: builds the sample graph at image build time and serves it (API, SPARQL, web page).
# Stage 1 builds the wheel (ontology/ and queries/ inside it as kg/_data); stage 2 installs
# the dependencies in a layer of their own, then the wheel, and runs from it.
FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml setup.py MANIFEST.in README.md ./
COPY kg ./kg
COPY ontology ./ontology
COPY queries ./queries
RUN pip wheel --no-cache-dir --no-deps -w /wheels .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    KG_STORE=/app/data/store

RUN groupadd --system --gid 10001 kg && useradd --system --uid 10001 --gid kg --home-dir /app --shell /usr/sbin/nologin kg

WORKDIR /app
# the runtime dependencies, read from pyproject.toml: this layer is rebuilt only when it changes
COPY pyproject.toml /tmp/pyproject.toml
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt \
    && rm /tmp/pyproject.toml /tmp/requirements.txt
COPY --from=wheel /wheels /wheels
RUN pip install --no-cache-dir --no-deps /wheels/*.whl && rm -rf /wheels
COPY examples ./examples
RUN kg ingest --workers 1 examples/listings/*.txt \
    && chown -R kg:kg /app/data

USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"]
CMD ["kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
