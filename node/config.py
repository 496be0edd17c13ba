"""The node's settings, read once from DATA/buurtnode.toml and passed down."""

from __future__ import annotations

import ipaddress
import re
import ssl
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CONFIG_FILE = "buurtnode.toml"
DATABASE_FILE = "buurtnode.sqlite3"
SESSION_SECRET_FILE = "session.secret"
PRIVATE_KEY_FILE = "keys/private.pem"
PUBLIC_KEY_FILE = "keys/public.pem"
KINDS = ("wijk", "kern", "gemeente")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ConfigError(Exception):
    """A setting is missing or wrong; the message says which and how to fix it."""


@dataclass(frozen=True)
class MailSettings:
    """How the node reaches its SMTP server ([mail] in buurtnode.toml)."""

    host: str
    from_address: str
    port: int = 587
    security: str = "starttls"  # starttls | tls | none (none only for a server on loopback)
    username: str = ""
    password: str = field(default="", repr=False)
    reply_to: str = ""
    retry_base_seconds: float = 60.0  # first retry after a failure; doubles per try


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    url: str  # public base URL without trailing slash, e.g. https://noord.example
    name: str  # e.g. "Beekveld-Noord"
    kind: str  # wijk | kern | gemeente
    handle: str  # the node's actor name: acct:handle@host
    dev: bool = False  # allow http on loopback and federation with loopback addresses
    max_body_bytes: int = 1_000_000
    access_log: bool = False  # [node]: one log line per request; costs ~5 % under load
    retry_base_seconds: float = 60.0  # [federation]: first delivery retry; doubles per try
    # [federation]: networks the node may fetch from although they are not public (an
    # intranet); empty keeps the SSRF guard as strict as it is.
    allow_private: tuple[Network, ...] = ()
    ca_file: Path | None = None  # [federation]: an extra CA bundle to trust, e.g. an intranet's
    mail: MailSettings | None = None  # [mail]: without it the node sends no e-mail

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def secure(self) -> bool:
        return self.url.startswith("https://")

    def session_secret(self) -> str:
        return (self.data_dir / SESSION_SECRET_FILE).read_text(encoding="utf-8").strip()


def check_url(url: str, *, dev: bool) -> str:
    """The node's public URL, normalised; raises ConfigError with a fix when it is wrong."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"'{url}' is not a web address; use e.g. https://noord.example.nl")
    if parts.path or parts.query or parts.fragment:
        raise ConfigError(
            f"'{url}' must be a bare address without a path, e.g. https://{parts.netloc}"
        )
    if parts.scheme == "http":
        if not dev:
            raise ConfigError(
                f"'{url}' uses http; a public node needs https (use --dev for a local test node)"
            )
        if not _is_loopback(parts.hostname):
            raise ConfigError(
                f"--dev only allows http on 127.0.0.1 or localhost, not {parts.hostname}"
            )
    return url


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def handle_for(name: str) -> str:
    """A short actor name from the node's name: 'Beekveld-Noord' -> 'beekveldnoord'."""
    ascii_name = name.lower().translate(
        str.maketrans("àáâäèéêëìíîïòóôöùúûü", "aaaaeeeeiiiioooouuuu")
    )
    handle = re.sub(r"[^a-z0-9]", "", ascii_name)[:30]
    return handle or "buurt"


def load(data_dir: Path) -> Settings:
    path = data_dir / CONFIG_FILE
    if not data_dir.is_dir():
        raise ConfigError(f"no data folder at {data_dir}; create a node with 'buurtnode init'")
    if not path.is_file():
        raise ConfigError(
            f"{data_dir} holds no node ({CONFIG_FILE} is missing); run 'buurtnode init'"
        )
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    node = raw.get("node", {})
    federation = raw.get("federation", {})
    try:
        dev = bool(node.get("dev", False))
        kind = str(node["kind"])
        if kind not in KINDS:
            raise ConfigError(f"{path}: kind must be one of {', '.join(KINDS)}, not '{kind}'")
        return Settings(
            data_dir=data_dir,
            url=check_url(str(node["url"]), dev=dev),
            name=str(node["name"]),
            kind=kind,
            handle=str(node.get("handle") or handle_for(str(node["name"]))),
            dev=dev,
            max_body_bytes=int(node.get("max_body_bytes", Settings.max_body_bytes)),
            access_log=bool(node.get("access_log", Settings.access_log)),
            retry_base_seconds=_positive(
                path,
                "federation.retry_base_seconds",
                federation.get("retry_base_seconds", Settings.retry_base_seconds),
            ),
            allow_private=_networks(path, federation.get("allow_private", [])),
            ca_file=_ca_file(path, federation.get("ca_file")),
            mail=_mail(path, raw["mail"]) if "mail" in raw else None,
        )
    except KeyError as missing:
        raise ConfigError(f"{path} lacks the setting node.{missing.args[0]}") from None


MAIL_KEYS = {
    "host", "port", "security", "username", "password", "password_file", "from", "reply_to",
    "retry_base_seconds",
}  # fmt: skip
SECURITY = ("starttls", "tls", "none")
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def _mail(path: Path, mail: object) -> MailSettings:
    """The [mail] table, checked: each mistake is one line naming the setting."""
    if not isinstance(mail, dict):
        raise ConfigError(f"{path}: mail must be a table: a line [mail] with settings below it")
    unknown = sorted(set(mail) - MAIL_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown setting mail.{unknown[0]}")
    for key in ("host", "from"):
        if not str(mail.get(key, "")).strip():
            raise ConfigError(f"{path}: [mail] needs {key}, e.g. {key} = " + (
                '"smtp.example.nl"' if key == "host" else '"buurt@noord.example.nl"'
            ))  # fmt: skip
    for key in ("from", "reply_to"):
        value = str(mail.get(key, ""))
        if value and not _ADDRESS.match(value):
            raise ConfigError(f"{path}: mail.{key} = {value!r} is not an e-mail address")
    security = str(mail.get("security", "starttls"))
    if security not in SECURITY:
        raise ConfigError(f"{path}: mail.security must be one of {', '.join(SECURITY)}")
    port = mail.get("port", 465 if security == "tls" else 587)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ConfigError(f"{path}: mail.port must be a port number, not {port!r}")
    if "password" in mail and "password_file" in mail:
        raise ConfigError(f"{path}: give mail.password or mail.password_file, not both")
    password = str(mail.get("password", ""))
    if "password_file" in mail:
        secret = Path(str(mail["password_file"]))
        secret = secret if secret.is_absolute() else path.parent / secret
        try:
            password = secret.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigError(f"{path}: cannot read mail.password_file {secret}: {error}") from None
    return MailSettings(
        host=str(mail["host"]),
        from_address=str(mail["from"]),
        port=port,
        security=security,
        username=str(mail.get("username", "")),
        password=password,
        reply_to=str(mail.get("reply_to", "")),
        retry_base_seconds=_positive(
            path, "mail.retry_base_seconds", mail.get("retry_base_seconds", 60.0)
        ),
    )


def _positive(path: Path, name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"{path}: {name} must be a number of seconds above 0, not {value!r}")
    return float(value)


def _networks(path: Path, value: object) -> tuple[Network, ...]:
    if not isinstance(value, list):
        raise ConfigError(
            f'{path}: federation.allow_private must be a list such as ["10.0.0.0/8"], not {value!r}'
        )
    networks = []
    for item in value:
        try:
            networks.append(ipaddress.ip_network(str(item)))
        except ValueError:
            raise ConfigError(
                f"{path}: federation.allow_private: {item!r} is not a network"
                " such as 10.0.0.0/8 (host bits must be zero)"
            ) from None
    return tuple(networks)


def _ca_file(path: Path, value: object) -> Path | None:
    if value is None:
        return None
    ca_file = Path(str(value))
    if not ca_file.is_file():
        raise ConfigError(f"{path}: federation.ca_file: there is no file at {ca_file}")
    try:
        ssl.create_default_context().load_verify_locations(cafile=ca_file)
    except ssl.SSLError:
        raise ConfigError(
            f"{path}: federation.ca_file: {ca_file} holds no PEM certificate"
        ) from None
    return ca_file


def render(settings: Settings) -> str:
    """The TOML text for these settings (strings quoted as TOML basic strings)."""

    def q(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return (
        "# Buurtnode settings. Changes take effect when the node restarts.\n"
        "[node]\n"
        f"url = {q(settings.url)}\n"
        f"name = {q(settings.name)}\n"
        f"kind = {q(settings.kind)}\n"
        f"handle = {q(settings.handle)}\n"
        f"dev = {'true' if settings.dev else 'false'}\n"
        f"max_body_bytes = {settings.max_body_bytes}\n"
    )
