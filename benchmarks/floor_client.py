"""The "floor": the least a Python client can do with the native stream (httpx + httpx-sse and one
`json.loads` per frame, nothing else). Used by bench_stream.py as the yardstick.

    python benchmarks/floor_client.py URL   (URL: the full generation endpoint)

Prints the number of answer characters received (so a broken run shows) and the seconds from
just before its HTTP client is made to the end of the stream: its streaming time without the
interpreter's start-up and imports, which the window's in-process figures are compared with.
"""

from __future__ import annotations

import json
import os
import sys
import time

import httpx
from httpx_sse import connect_sse

BODY = {
    "model": "qwen3-max-preview",
    "input": {"messages": [{"role": "user", "content": "q"}]},
    "parameters": {"enable_code_interpreter": True, "enable_thinking": True,
                   "result_format": "message", "incremental_output": True},
}


def main() -> int:
    headers = {"Authorization": f"Bearer {os.environ.get('DASHSCOPE_API_KEY', 'sk-bench')}",
               "X-DashScope-SSE": "enable"}
    chars = 0
    start = time.perf_counter()
    with httpx.Client(timeout=60, trust_env=False) as client:
        with connect_sse(client, "POST", sys.argv[1], json=BODY, headers=headers) as source:
            for sse in source.iter_sse():
                data = json.loads(sse.data)
                chars += len(data["output"]["choices"][0]["message"].get("content") or "")
    print(chars, f"{time.perf_counter() - start:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
