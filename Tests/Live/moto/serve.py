"""Runs moto's S3 server (moto[server], the version scripts/ensure-python-venvs pins) on
127.0.0.1 on a free port for the upload tests. Writes <folder>/ready.json with the port once it
answers, and stops when its standard input closes (the test ends or dies).

Usage: serve.py <folder>
"""
import json
import os
import socket
import sys
import time
import urllib.request

# Small parts, so a test can make a multipart upload of a few KiB (S3 itself wants 5 MiB parts).
os.environ.setdefault("S3_UPLOAD_PART_MIN_SIZE", "1024")

from moto.server import ThreadedMotoServer  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    folder = sys.argv[1]
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=2)
            break
        except Exception:
            time.sleep(0.1)
    tmp = os.path.join(folder, "ready.json.tmp")
    with open(tmp, "w") as f:
        json.dump({"port": port}, f)
    os.replace(tmp, os.path.join(folder, "ready.json"))
    sys.stdin.read()
    server.stop()


main()
