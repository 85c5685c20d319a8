"""What a user can do about a failure: one sentence per error, beside the service's own message.

Pure (an error and the base URL in, text out) so that the terminal and the window say the same
thing, and every hint is tested. None when there is nothing useful to add.
"""

from __future__ import annotations

from . import regions
from .codes import Code
from .errors import ServiceError
from .registry import NATIVE, spec_of
from .request import is_dashscope

BEIJING = regions.BEIJING.url
_ALL_REGION_NAMES = ", ".join(r.name for r in regions.ALL[:-1]) + " or " + regions.ALL[-1].name


def region_of(base_url: str) -> str | None:
    """The region key of a DashScope base URL ("beijing", "singapore", ...), None for any other
    address (a gateway, a proxy, a test server)."""
    region = regions.region_of(base_url)
    return region.id if region is not None else None


def _other_region(base_url: str) -> str | None:
    region = regions.region_of(base_url)
    return region.name if region is not None and region is not regions.BEIJING else None


def _wants_key(error: ServiceError) -> str | None:
    if error.http_status == 401 or error.code in ("invalid_api_key", "InvalidApiKey"):
        return ("This server wants an API key, or another one: add one to this connection profile in Settings, "
                "or with 'dashchat key set --connection NAME' (DASHSCOPE_API_KEY goes only to DashScope's own "
                "hosts).")
    return None


def gateway_hint(error: ServiceError) -> str | None:
    """The native protocol at a host that is not DashScope's (a gateway in front of it): only a
    key it wants is its own; DashScope's own codes get the hints of `hint_for`."""
    return _wants_key(error)


def openai_server_hint(error: ServiceError) -> str | None:
    """A server that is not DashScope (vLLM, Ollama, LM Studio, a gateway): nothing about
    DashScope's regions or console applies."""
    wants_key = _wants_key(error)
    if wants_key is not None:
        return wants_key
    code, status = error.code, error.http_status
    if status == 404 or code == "model_not_found":
        return ("Check the model name (as the server lists it at /v1/models) and the base URL: vLLM, "
                "Ollama and LM Studio serve the OpenAI-compatible API under /v1.")
    if code.startswith("HTTP") and status is not None and 400 <= status < 500:
        return "Check the base URL: it should be the server's OpenAI-compatible root, usually ending in /v1."
    return None


def _proxy_hint(error: ServiceError) -> str | None:
    code = error.code
    if code == Code.INVALID_PROXY:
        return ("Fix the proxy where the message says it comes from (Settings ▸ General, or the environment "
                "variable), or clear it to connect directly.")
    if code == Code.PROXY_AUTH_REQUIRED:
        return ("Give the proxy's user name and password in its URL, as in http://user:password@host:port "
                "(HTTPS_PROXY keeps them off the disk; Settings stores them in settings.ini).")
    if code in (Code.PROXY_CONNECTION_FAILED, Code.PROXY_TIMEOUT):
        return ("Check that the proxy is running and its address, or clear it (Settings ▸ General, or "
                "HTTPS_PROXY / ALL_PROXY); hosts in NO_PROXY are reached directly.")
    if code == Code.PROXY_DNS_FAILURE:
        return "Check the proxy's host name for typos (Settings ▸ General, or HTTPS_PROXY / ALL_PROXY)."
    if code == Code.PROXY_ERROR:
        return ("The proxy answered but would not connect onwards: check its rules or logs, or the proxy "
                "settings (Settings ▸ General, HTTPS_PROXY, ALL_PROXY); hosts in NO_PROXY are reached directly.")
    return None


def _tls_hint(error: ServiceError) -> str:
    text = error.message.lower()
    if "expired" in text:
        return ("The server's certificate has expired (or this computer's clock is wrong): check the date, "
                "and tell whoever runs the server.")
    if "hostname mismatch" in text or "not valid for" in text or "ip address mismatch" in text:
        return ("The certificate was made for another name: use the host name it names in the base URL. A "
                "proxy that inspects TLS causes this too.")
    return ("TLS verification is always on, against the system's trusted certificates. If your network "
            "inspects TLS (a corporate proxy) or a gateway uses its own certificate authority, point "
            "SSL_CERT_FILE at that CA's PEM file: it is added to the system's.")


def hint_for(error: ServiceError, base_url: str, protocol: str = NATIVE) -> str | None:
    """`base_url` decides which advice fits: DashScope's regions and console only for
    DashScope's own hosts; another server (a gateway, vLLM, Ollama) gets its own hints."""
    hint = _proxy_hint(error)
    if hint is None and not is_dashscope(base_url):
        hint = spec_of(protocol).hint(error)
    if hint is not None:
        return hint
    code = error.code
    family = code.split(".")[0]
    status = error.http_status
    other = _other_region(base_url)
    beijing_only = (
        f"The code interpreter is documented for the {regions.BEIJING.name} region ({BEIJING}) only, and this base URL "
        f"is the {other} region"
    )

    if code == "InvalidApiKey" or (status == 401 and not code.startswith("HTTP")):
        if other:
            return (f"{beijing_only}. API keys are bound to the region they were created in: use a "
                    f"{regions.BEIJING.name} key with {BEIJING}.")
        return ("Check the API key: keys are bound to the region they were created in "
                f"({_ALL_REGION_NAMES}), and a key from one region is rejected by the others. The code "
                f"interpreter is documented for {regions.BEIJING.name} ({BEIJING}).")
    if code == Code.INVALID_API_KEY_FORMAT:
        return None  # the message says it all
    if code == "Arrearage":
        return ("The Alibaba Cloud account behind this key has an overdue payment: settle the bill or top "
                "up in the Billing console (Expenses and Costs), then try again.")
    if code == "DataInspectionFailed" or code.startswith("DataInspection"):
        return ("Alibaba Cloud's content inspection rejected the question or the reply. Rephrase the "
                "question; sending the same text again will fail the same way.")
    if family == "Throttling" or status == 429:
        if code == "Throttling.AllocationQuota":
            return ("The allocated quota is used up: wait until it resets, or raise the quota in the "
                    "Model Studio console, then retry.")
        if code == "Throttling.BurstRate":
            return "Requests ramped up too quickly: wait a few seconds and retry."
        return "Too many requests for now: wait a little (a few seconds to a minute) and retry."
    if code == "AccessDenied" or (status == 403 and not code.startswith("HTTP")):
        if other:
            return f"{beijing_only}; the account may not have access to it there."
        return ("This account may not use this model or feature: check in the Model Studio console that "
                "the model is activated for the account (and the workspace the key belongs to).")
    if code == "ModelNotFound" or (status == 404 and not code.startswith("HTTP")):
        if other:
            return f"{beijing_only}; the model may not exist there. Check the model name and the region."
        return ("Check the model name (the code interpreter needs a model that supports it, such as "
                "qwen3-max-preview) and that the base URL points at DashScope, with any gateway prefix.")
    if code == "InvalidParameter":
        return ("The service rejected a request parameter; its message names it. Check the model and the "
                "options (temperature, top_p, max_tokens, thinking budget).")
    if code == "InternalError" or family == "InternalError":
        return ("A fault on the service's side: retry in a moment. If it persists, give the request id to "
                "Alibaba Cloud support.")
    if code == "ModelUnavailable" or (status == 503 and not code.startswith("HTTP")):
        return "The model is temporarily unavailable (overloaded or being updated): retry in a minute."
    if code.startswith("HTTP") and status is not None:
        if 300 <= status < 400:
            return None  # the message says where to
        return ("This answer did not come from DashScope: check the base URL, and any proxy "
                "(HTTPS_PROXY) or gateway in between.")
    if code == Code.NOT_AN_EVENT_STREAM:
        return ("Something other than DashScope answered (a captive portal, a proxy or a gateway?): check "
                "the network, the base URL and any proxy (HTTPS_PROXY).")
    if code == Code.CONNECTION_FAILED:
        return "Check the base URL, the network, and any proxy (HTTPS_PROXY) or firewall in between."
    if code == Code.CONNECT_TIMEOUT:
        return "The network or a firewall may be blocking the connection; check any proxy (HTTPS_PROXY)."
    if code == Code.DNS_FAILURE:
        return "Check the base URL for typos, and the network connection (DNS)."
    if code == Code.TLS_ERROR:
        return _tls_hint(error)
    if code == Code.INVALID_CERTIFICATES:
        return "Point SSL_CERT_FILE at a PEM file of CA certificates (or unset it)."
    if code == Code.IDLE_TIMEOUT:
        return ("The interpreter's silent runs can take a while, but not this long: retry. If it happens "
                "often, raise the idle timeout.")
    if code in (Code.CONNECTION_DROPPED, Code.INCOMPLETE_STREAM):
        return "What arrived is kept. The network, a proxy or the server cut the stream: retry."
    if code == Code.MALFORMED_FRAME:
        return ("What arrived is kept. The service or a proxy in between sent a damaged frame: retry. If it "
                "happens again, a proxy may be rewriting the stream.")
    if code == Code.INVALID_URL:
        return f"The base URL must start with https:// (for example {BEIJING})."
    return None


# Failures that may well go away by themselves: asking again is the right offer.
_TRANSIENT_CODES: frozenset[str] = frozenset({
    "InternalError", "ModelUnavailable", "ServiceUnavailable", "RequestTimeOut",  # the service's
    Code.IDLE_TIMEOUT, Code.CONNECTION_DROPPED, Code.CONNECTION_FAILED, Code.CONNECT_TIMEOUT, Code.INCOMPLETE_STREAM,
    Code.DNS_FAILURE, Code.PROXY_CONNECTION_FAILED, Code.PROXY_TIMEOUT, Code.PROXY_ERROR,
})


def retryable(error: ServiceError) -> bool:
    """Whether the window offers Retry: throttling, server-side faults and network trouble;
    not a wrong key, a bad parameter, content inspection or an unpaid bill."""
    if error.code.split(".")[0] == "Throttling" or error.code in _TRANSIENT_CODES:
        return True
    return error.http_status is not None and (error.http_status == 429 or error.http_status >= 500)
