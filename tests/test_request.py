"""The native request carries exactly what PROTOCOL.md requires."""

from __future__ import annotations

from desktop.protocol.request import (
    GenerationOptions,
    native_body,
    native_headers,
    native_url,
)


def test_url_keeps_a_gateway_path_prefix() -> None:
    assert native_url("https://gw.example/proxy") == (
        "https://gw.example/proxy/api/v1/services/aigc/text-generation/generation"
    )
    assert native_url("https://dashscope.aliyuncs.com/") == (
        "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation"
    )


def test_body_enables_the_interpreter_in_streamed_thinking_mode() -> None:
    messages = [{"role": "user", "content": "What is 123 to the power of 21?"}]
    assert native_body(messages, GenerationOptions()) == {
        "model": "qwen3-max-preview",
        "input": {"messages": messages},
        "parameters": {
            "enable_code_interpreter": True,
            "enable_thinking": True,
            "result_format": "message",
            "incremental_output": True,
        },
    }


def test_optional_parameters_only_when_set() -> None:
    body = native_body([], GenerationOptions(model="m", thinking_budget=81920, temperature=0.0, seed=7))
    assert body["model"] == "m"
    assert body["parameters"]["thinking_budget"] == 81920
    assert body["parameters"]["temperature"] == 0.0
    assert body["parameters"]["seed"] == 7
    assert "top_p" not in body["parameters"] and "max_tokens" not in body["parameters"]


def test_headers_ask_for_sse_and_hold_no_key() -> None:
    headers = native_headers()
    assert headers["X-DashScope-SSE"] == "enable"
    assert headers["Accept"] == "text/event-stream"
    assert "Authorization" not in headers
