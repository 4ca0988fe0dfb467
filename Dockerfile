# syntax=docker/dockerfile:1
# «Маршрут» — the bot as a small image: dependencies built as wheels in one stage, installed
# into a slim runtime from those wheels (pinned by constraints.txt), run as a non-root user.
#   docker build -t marshrut .
#   docker run --env-file .env marshrut            # python -m bot webhook (0.0.0.0:8080)
#   docker run --env-file .env marshrut migrate    # any `python -m bot` command
ARG PYTHON_VERSION=3.11

# ---- build: wheels of every runtime dependency, exact versions from constraints.txt ---------
FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
# only what decides the dependencies: the layer is reused until one of these two changes
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
 && pip wheel --wheel-dir /wheels -r requirements.txt -c constraints.txt

# ---- runtime --------------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim
LABEL org.opencontainers.image.title="marshrut" \
      org.opencontainers.image.description="«Маршрут»: a Telegram bot for teachers' professional development"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    MPLCONFIGDIR=/home/marshrut/.matplotlib
RUN useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin marshrut
# install from the wheels only (no index): the wheels are mounted, not copied, so they do not
# stay in a layer of the image
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-index --find-links /wheels /wheels/*.whl
# MAX (bot/max): its API's certificate is issued by the Минцифры root CA, which certifi does
# not carry. Build with
#   --build-arg MAX_ROOT_CA_URL=https://gu-st.ru/content/lending/russian_trusted_root_ca_pem.crt
# and run with MAX_CA_FILE=/usr/local/share/ca-certificates/russian_trusted_root_ca.crt (or mount
# the PEM you verified there and set MAX_CA_FILE). Empty (the default): nothing is fetched.
ARG MAX_ROOT_CA_URL=""
RUN if [ -n "$MAX_ROOT_CA_URL" ]; then \
      python -c "import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], '/usr/local/share/ca-certificates/russian_trusted_root_ca.crt')" "$MAX_ROOT_CA_URL" \
      && grep -q "BEGIN CERTIFICATE" /usr/local/share/ca-certificates/russian_trusted_root_ca.crt; \
    fi
WORKDIR /app
# the code belongs to root and is read-only for the bot; only data/ (an SQLite file, if used)
# is writable
COPY bot ./bot
COPY domain ./domain
COPY handlers ./handlers
COPY storage ./storage
COPY locales ./locales
COPY pyproject.toml ./
RUN python -m compileall -q bot domain handlers storage \
 && mkdir -p data && chown marshrut:marshrut data
USER marshrut
# matplotlib's font cache built once here, not at every start
RUN python -c "import matplotlib.font_manager"

EXPOSE 8080
# /healthz of `python -m bot webhook` (no curl in the slim image: Python asks)
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status == 200 else 1)"]
ENTRYPOINT ["python", "-m", "bot"]
CMD ["webhook"]
