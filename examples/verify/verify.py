"""Verifies a SalesOS webhook delivery with Python's standard library alone.

Usage: SALESOS_WEBHOOK_SECRET=whsec_... python3 verify.py request.json   (or the JSON on stdin)
request.json: {"headers": {"webhook-id": "...", ...}, "body": "<the raw body, exactly as received>"}
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time


def verify_webhook(raw_body: bytes, headers: dict, secret: str, tolerance_seconds: int = 300) -> dict:
    lower = {name.lower(): value for name, value in headers.items()}
    msg_id = lower.get("webhook-id")
    timestamp = lower.get("webhook-timestamp")
    signatures = lower.get("webhook-signature") or lower.get("x-webhook-signature")
    if not (msg_id and timestamp and signatures):
        raise ValueError("missing webhook headers")

    # The key is the base64 part of the secret; the signed content is "{id}.{timestamp}.{body}".
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + raw_body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
    # hmac.compare_digest, never ==: a comparison that stops early leaks the signature.
    if not any(
        hmac.compare_digest(expected, entry.partition(",")[2].encode())
        for entry in signatures.split(" ")
        if entry.startswith("v1,")
    ):
        raise ValueError("invalid signature")

    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance_seconds:
        raise ValueError("timestamp outside the tolerance")
    return json.loads(raw_body)


if __name__ == "__main__":
    request = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
    try:
        event = verify_webhook(request["body"].encode(), request["headers"], os.environ.get("SALESOS_WEBHOOK_SECRET", ""))
        print(f"verified {event['id']} {event['type']}")
    except ValueError as error:
        print(f"rejected: {error}", file=sys.stderr)
        sys.exit(1)
