"""Lock throughput of the Python peer libraries, for `locktop bench locks`.

uncontended: acquire+release pairs/s on one connection, one library after another.
contended:   N threads (each its own connection) take one lock with a critical section
             of hold-ms for `seconds`; prints acquisitions, wait percentiles and per-client counts.
Output is one JSON object on stdout.
"""
import argparse
import json
import threading
import time

import redis
import redis_lock
from pottery import Redlock


def client(port):
    return redis.Redis(host="127.0.0.1", port=port)


def make_lock(library, conn, name):
    if library == "redis-py Lock":
        lock = conn.lock(name, timeout=10)
        return lock.acquire, lock.release
    if library == "python-redis-lock":
        lock = redis_lock.Lock(conn, name, expire=10)
        return lock.acquire, lock.release
    if library == "pottery Redlock":
        lock = Redlock(key=name, masters={conn}, auto_release_time=10)
        return lock.acquire, lock.release
    raise SystemExit(f"unknown library {library}")


def uncontended(port, seconds):
    results = {}
    for library in ("redis-py Lock", "python-redis-lock", "pottery Redlock"):
        conn = client(port)
        acquire, release = make_lock(library, conn, f"peer-bench:{library}")
        for _ in range(200):  # warm up
            acquire()
            release()
        count = 0
        start = time.perf_counter()
        deadline = start + seconds
        while time.perf_counter() < deadline:
            for _ in range(50):
                acquire()
                release()
            count += 50
        results[library] = count / (time.perf_counter() - start)
    return results


def hold_until(end):
    """The critical section's wait, as the Swift simulator does it: sleep until 0.5 ms before
    the end, then spin (releasing the GIL); time.sleep alone overshoots by 0.05-0.1 ms or more."""
    rest = end - time.perf_counter() - 0.0005
    if rest > 0:
        time.sleep(rest)
    while time.perf_counter() < end:
        time.sleep(0)


def contended(port, library, clients, hold_ms, seconds):
    counts = [0] * clients
    held = [0.0] * clients
    waits = []
    waits_lock = threading.Lock()
    start_barrier = threading.Barrier(clients)
    deadline_box = []

    def run(index):
        conn = client(port)
        acquire, release = make_lock(library, conn, "peer-bench:contended")
        local = []
        start_barrier.wait()
        if index == 0:
            deadline_box.append(time.perf_counter() + seconds)
        while not deadline_box:
            pass
        deadline = deadline_box[0]
        while time.perf_counter() < deadline:
            begin = time.perf_counter()
            acquire()
            local.append(time.perf_counter() - begin)
            holding = time.perf_counter()
            hold_until(holding + hold_ms / 1000)
            release()
            held[index] += time.perf_counter() - holding
            counts[index] += 1
        with waits_lock:
            waits.extend(local)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    waits.sort()

    def percentile(p):
        if not waits:
            return 0.0
        return waits[min(len(waits) - 1, int(len(waits) * p / 100))] * 1000

    return {
        "library": library,
        "acquisitions": sum(counts),
        "seconds": elapsed,
        "p50_ms": percentile(50),
        "p99_ms": percentile(99),
        "max_ms": (waits[-1] * 1000) if waits else 0.0,
        "per_client": counts,
        "held_seconds": sum(held),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    sub = parser.add_subparsers(dest="mode", required=True)
    u = sub.add_parser("uncontended")
    u.add_argument("--seconds", type=float, default=2)
    c = sub.add_parser("contended")
    c.add_argument("--library", default="python-redis-lock")
    c.add_argument("--clients", type=int, default=16)
    c.add_argument("--hold-ms", type=float, default=1)
    c.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    if args.mode == "uncontended":
        print(json.dumps(uncontended(args.port, args.seconds)))
    else:
        print(json.dumps(contended(args.port, args.library, args.clients, args.hold_ms, args.seconds)))


if __name__ == "__main__":
    main()
