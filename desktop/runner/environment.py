"""The environment code run locally gets: dashchat's own, minus anything that could be a
credential. Generous by design: a variable is dropped when its name or its value looks secret,
even if that drops something harmless. Pure: no Qt, no subprocess."""

from __future__ import annotations

import re
from collections.abc import Mapping

# Any name containing one of these (case folded) is dropped: DASHSCOPE_API_KEY, OPENAI_API_KEY,
# AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN, DB_PASSWORD, SSH_AUTH_SOCK, DBUS_SESSION_BUS_ADDRESS (the
# way to the Secret Service, where dashchat keeps the key), GNOME_KEYRING_CONTROL, ...
_SECRET_NAME = re.compile(
    r"KEY|TOKEN|SECRET|PASSW|PASSPHRASE|PWD$|_PASS$|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE|SIGNATURE"
    r"|SALT|BEARER|DASHSCOPE|OPENAI|ANTHROPIC|QWEN|KEYRING|NETRC|KUBECONFIG|KRB5|PGPASS"
    r"|^AWS_|^AZURE_|^ARM_CLIENT|^GCP_|^GOOGLE_|^GCLOUD_|^CLOUDSDK_|^GH_|^GITHUB_|^GITLAB_|^CI_JOB|^HF_"
    r"|^HUGGING|^VAULT_|^DBUS_|^SSH_|^GPG_|^GNUPG|^DOCKER_|^NPM_CONFIG_|^YARN_|^PIP_|^UV_|^POETRY_"
    r"|^TWINE_|^CARGO_REGISTRY|^ALIBABA_CLOUD|^ALIYUN|^ALICLOUD|^OSS_|^DASHCHAT_",
    re.IGNORECASE,
)
# Python's own knobs from dashchat's process would point the chosen Python at dashchat's install.
_DROPPED = {"PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONEXECUTABLE",
            "PYTHONSAFEPATH", "__PYVENV_LAUNCHER__", "PYTHONBREAKPOINT"}
_PROXY = re.compile(r"_PROXY$|^PROXY$", re.IGNORECASE)
# Values that look like a credential whatever the name: a URL with a user or password in it
# (https://user:pass@proxy, https://TOKEN@github.com), a private key, well-known key shapes.
_SECRET_VALUE = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s@]+@"
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----"
    r"|\bsk-[A-Za-z0-9_-]{16,}|\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_|\bglpat-|\bxox[abprs]-"
    r"|\bAKIA[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{30,}|\bhf_[A-Za-z0-9]{20,}"
    r"|\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.",  # a JWT
)


def is_secret(name: str, value: str) -> bool:
    return bool(_SECRET_NAME.search(name) or _SECRET_VALUE.search(value))


def clean_environment(environ: Mapping[str, str], allow_network: bool = False) -> dict[str, str]:
    """`environ` without credentials, Python's own variables, and (unless the network is
    allowed) proxies; a proxy that carries a user or password is always dropped."""
    kept: dict[str, str] = {}
    for name, value in environ.items():
        if name.upper() in _DROPPED or is_secret(name, value):
            continue
        if _PROXY.search(name) and not allow_network:
            continue
        kept[name] = value
    return kept


def dropped_names(environ: Mapping[str, str], allow_network: bool = False) -> list[str]:
    """The names `clean_environment` leaves out (never their values), sorted."""
    kept = clean_environment(environ, allow_network)
    return sorted(name for name in environ if name not in kept)
