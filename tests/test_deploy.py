"""The deployment kit stays consistent with the code: .env.example names every setting and keeps
the example token the start-up check knows; compose.yaml, the Dockerfile and .dockerignore refer
to what exists; constraints.txt pins every dependency. (Docker itself is not run here.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from bot.settings import EXAMPLE_TOKEN, Settings

ROOT = Path(__file__).resolve().parent.parent


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_env_example_names_every_setting_and_keeps_the_example_token() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    named = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.M))
    aliases = {f.alias for f in Settings.model_fields.values()}
    assert aliases <= named, f"missing from .env.example: {sorted(aliases - named)}"
    assert f"BOT_TOKEN={EXAMPLE_TOKEN}\n" in text
    # the compose variables it names are the ones compose.yaml reads
    compose = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    for var in set(re.findall(r"\$\{([A-Z_]+)", compose)):
        assert var in named, var


def test_env_example_as_is_loads(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for name in ("BOT_TOKEN", "DATABASE_URL", "REDIS_URL", "TELEGRAM_API_URL", "ADMIN_IDS",
                 "DEFAULT_LOCALE", "TIMEZONE", "BOT_USERNAME", "OUTBOX_RATE"):
        monkeypatch.delenv(name, raising=False)
    s = Settings(_env_file=ROOT / ".env.example")  # type: ignore[call-arg]
    assert s.bot_token == EXAMPLE_TOKEN


def test_compose_file() -> None:
    spec = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = spec["services"]
    assert {"migrate", "bot-1", "bot-2", "db", "redis", "telegram-bot-api"} <= set(services)
    for name in ("bot-1", "bot-2"):
        bot = services[name]
        assert bot["command"] == ["webhook"]
        deps = bot["depends_on"]
        assert deps["migrate"]["condition"] == "service_completed_successfully"
        assert deps["db"]["condition"] == deps["redis"]["condition"] == "service_healthy"
        assert bot["env_file"] == ".env" and bot["build"] == "."
        assert bot["environment"]["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["restart"] == "no"
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    for name in ("db", "redis"):
        assert services[name]["healthcheck"]["test"]
        assert services[name]["volumes"][0].split(":")[0] in spec["volumes"]
    assert services["telegram-bot-api"]["profiles"] == ["local-bot-api"]


def test_dockerfile_copies_what_exists_and_dockerignore_lets_it_through() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    sources = [w for line in re.findall(r"^COPY (?!--from)(.+)$", dockerfile, flags=re.M)
               for w in line.split()[:-1]]
    assert sources
    allowed = {line.strip().rstrip("/") for line in
               (ROOT / ".dockerignore").read_text().splitlines() if line.startswith("!")}
    for src in sources:
        assert (ROOT / src).exists(), src
        assert src.lstrip("!") in {a.lstrip("!") for a in allowed}, src
    assert '"python", "-m", "bot"' in dockerfile and 'CMD ["webhook"]' in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, flags=re.M)
    assert "-c constraints.txt" in dockerfile and "/healthz" in dockerfile
    # every package of the runtime is there (the code reads locales/ next to bot/)
    for package in ("bot", "domain", "handlers", "storage", "locales"):
        assert f"COPY {package} " in dockerfile, package
    ignored = (ROOT / ".dockerignore").read_text()
    assert "!.env" not in ignored


def test_constraints_pin_every_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line}"
            pins[_norm(name)] = version
    for requirement in wanted:
        name = _norm(re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0])
        assert name in pins, f"{name} is not pinned in constraints.txt"
