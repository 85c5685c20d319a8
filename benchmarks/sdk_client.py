"""The official `dashscope` SDK consuming the same stream, for comparison (bench_stream.py).

    python benchmarks/sdk_client.py BASE   (BASE: the server root the SDK appends /api/v1/... to)

Prints the number of answer characters received.
"""

from __future__ import annotations

import os
import sys

os.environ["DASHSCOPE_HTTP_BASE_URL"] = sys.argv[1].rstrip("/") + "/api/v1"  # read at import

import dashscope  # noqa: E402


def main() -> int:
    dashscope.base_http_api_url = sys.argv[1].rstrip("/") + "/api/v1"
    chars = 0
    responses = dashscope.Generation.call(
        api_key=os.environ.get("DASHSCOPE_API_KEY", "sk-bench"),
        model="qwen3-max-preview",
        messages=[{"role": "user", "content": "q"}],
        result_format="message",
        stream=True,
        incremental_output=True,
        enable_thinking=True,
        enable_code_interpreter=True,
    )
    for response in responses:
        if response.status_code != 200:
            print(f"error {response.status_code} {response.code}: {response.message}", file=sys.stderr)
            return 1
        chars += len(response.output.choices[0].message.content or "")
    print(chars)
    return 0


if __name__ == "__main__":
    sys.exit(main())
