"""The load the benchmark drives (locust, headless): the plan in BENCH_LOAD_PLAN is a JSON list of
{"name", "path", "weight", "headers"}; each simulated client picks requests by weight. BENCH_WAIT is
the pause between a client's requests in seconds ("0" for closed-loop throughput, "0.5-2" for users
who read what they get)."""

import json
import os
import random

from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

PLAN = json.loads(os.environ["BENCH_LOAD_PLAN"])
_WEIGHTS = [entry.get("weight", 1) for entry in PLAN]
_wait = os.environ.get("BENCH_WAIT", "0")


class Client(FastHttpUser):
    wait_time = between(*map(float, _wait.split("-"))) if "-" in _wait else constant(float(_wait))
    # A request that takes longer than this is a failure, not a hung client.
    network_timeout = 30.0
    connection_timeout = 10.0

    @task
    def request(self):
        entry = random.choices(PLAN, weights=_WEIGHTS)[0]
        with self.client.get(
            entry["path"], headers=entry.get("headers", {}), name=entry["name"], catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
