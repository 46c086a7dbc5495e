"""deploy/, what an operator copies to a server, stays in step with the code:
every environment variable documented, units that run commands that exist,
nginx limits and paths that match the settings."""

import re
from pathlib import Path

from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SETTINGS = ROOT / "site" / "leerkring" / "settings"
READ = re.compile(r'env_(?:str|bool|int|list)\(\s*"([A-Z][A-Z0-9_]*)"')
ASSIGNED = re.compile(r"^#?([A-Z][A-Z0-9_]*)=(.*)$")


def settings_variables():
    """Every variable the settings read (through env_str, env_bool, env_int, env_list)."""
    return {name for path in SETTINGS.glob("*.py") for name in READ.findall(path.read_text())}


def example_lines():
    return (DEPLOY / "leerkring.env.example").read_text().splitlines()


def example_values():
    return {m.group(1): m.group(2) for m in map(ASSIGNED.match, example_lines()) if m}


def readme_variables():
    """Variables named in the first column of README.md's tables."""
    names = set()
    for line in (ROOT / "README.md").read_text().splitlines():
        if line.startswith("|"):
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    return names


def test_the_settings_read_variables():
    found = settings_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "TASKS_BACKEND", "VIDEO_MAX_UPLOAD_MB"} <= found


def test_every_variable_is_in_the_environment_example():
    assert sorted(settings_variables() - set(example_values())) == []


def test_every_variable_in_the_example_is_explained():
    lines = example_lines()
    unexplained = [line for n, line in enumerate(lines) if ASSIGNED.match(line)
                   and not (n and lines[n - 1].startswith("# "))]
    assert unexplained == []


def test_every_variable_is_in_the_readme_table():
    assert sorted(settings_variables() - readme_variables()) == []


def _units():
    return {path.name: path.read_text() for path in (DEPLOY / "systemd").iterdir()}


def test_the_units_run_commands_that_exist():
    commands = get_commands()
    run = []
    for name, text in _units().items():
        for command in re.findall(r"manage\.py (\w+)", text):
            assert command in commands, (name, command)
            run.append(command)
    assert {"db_worker", "process_index_queue", "analytics_rollup", "clearsessions",
            "prune_db_task_results", "publish_scheduled", "backup",
            "send_pending_emails"} <= set(run)


def test_every_timer_starts_a_service_and_every_service_reads_the_environment():
    units = _units()
    for name in units:
        if name.endswith(".timer"):
            assert name.replace(".timer", ".service") in units, name
    for name, text in units.items():
        if name.endswith(".service"):
            assert "EnvironmentFile=/etc/leerkring/leerkring.env" in text, name
            assert "User=leerkring" in text and "WorkingDirectory=/srv/leerkring" in text, name
    assert "gunicorn --pythonpath site --bind 127.0.0.1:8000" in units["leerkring-web.service"]
    assert "Environment=WEB_CONCURRENCY=4" in units["leerkring-web.service"]


def _nginx():
    """The site and the proxy snippet, without their comments."""
    return tuple(re.sub(r"#.*", "", (DEPLOY / "nginx" / name).read_text())
                 for name in ("leerkring.conf", "leerkring-proxy.conf"))


def _block(conf, location):
    start = conf.index(f"location {location} {{")
    return conf[start:conf.index("\n    }", start)]


def test_nginx_takes_the_largest_upload_the_site_accepts():
    default = re.search(r'env_int\("VIDEO_MAX_UPLOAD_MB", (\d+)\)',
                        (SETTINGS / "base.py").read_text()).group(1)
    site, _proxy = _nginx()
    assert re.findall(r"client_max_body_size (\d+)m;", site) == [default]


def test_nginx_never_serves_uploads_itself():
    site, _proxy = _nginx()
    values = example_values()
    assert not re.search(r"location [^{]*/media", site)
    protected = _block(site, "/protected-media/")
    assert "internal;" in protected
    assert f"alias {values['MEDIA_ROOT']}/;" in protected
    assert f"alias {values['STATIC_ROOT']}/;" in _block(site, "/static/")
    assert "Strict-Transport-Security" not in site  # Django sends it


def test_nginx_tells_django_the_scheme_and_the_visitor():
    site, proxy = _nginx()
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxy
    assert "proxy_set_header X-Real-IP $remote_addr;" in proxy
    assert site.count("include /etc/nginx/snippets/leerkring-proxy.conf;") == 3
    plain = site[:site.index("listen 443")]
    for path in ("/health/", "/health/ready/"):  # answered over HTTP, as the views exist
        assert f"location = {path} {{" in plain
        assert resolve(path).url_name in ("health", "health_ready")
