"""An independent reader and writer of the moto store for the upload tests, through boto3 (not
Chronicle's client). Prints one JSON document.

  harness.py <endpoint> create-bucket <bucket>
      creates the bucket with Object Lock enabled (x-amz-bucket-object-lock-enabled: true)
  harness.py <endpoint> objects <bucket> <prefix>
      every object under prefix: size, the store's SHA-256 checksum, retention, legal hold,
      version id, and the SHA-256 of its bytes as read back
  harness.py <endpoint> delete-version <bucket> <key>
      tries to delete the newest version of key (no bypass): the error code, or "deleted"
  harness.py <endpoint> overwrite <bucket> <key>
      tries to replace key's newest version: PUT a new body, then delete the old version without
      bypass; says what the store did
  harness.py <endpoint> tamper <bucket> <key>
      changes key behind Chronicle's back: deletes its version with
      x-amz-bypass-governance-retention and puts other bytes in its place (GOVERNANCE only)
"""
import base64
import hashlib
import json
import sys

import boto3
from botocore.exceptions import ClientError


def client(endpoint):
    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="harness", aws_secret_access_key="harness-secret",
    )


def main():
    endpoint, command = sys.argv[1], sys.argv[2]
    s3 = client(endpoint)
    if command == "create-bucket":
        s3.create_bucket(Bucket=sys.argv[3], ObjectLockEnabledForBucket=True)
        lock = s3.get_object_lock_configuration(Bucket=sys.argv[3])
        print(json.dumps({"object_lock": lock["ObjectLockConfiguration"].get("ObjectLockEnabled")}))
    elif command == "objects":
        bucket, prefix = sys.argv[3], sys.argv[4]
        out = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for o in page.get("Contents", []):
                h = s3.head_object(Bucket=bucket, Key=o["Key"], ChecksumMode="ENABLED")
                body = s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
                out.append({
                    "key": o["Key"], "size": h["ContentLength"],
                    "checksum_sha256": h.get("ChecksumSHA256"),
                    "mode": h.get("ObjectLockMode"),
                    "retain_until": h["ObjectLockRetainUntilDate"].isoformat() if "ObjectLockRetainUntilDate" in h else None,
                    "legal_hold": h.get("ObjectLockLegalHoldStatus"),
                    "version_id": h.get("VersionId"),
                    "sha256_of_bytes": hashlib.sha256(body).hexdigest(),
                    "sha256_of_bytes_base64": base64.b64encode(hashlib.sha256(body).digest()).decode(),
                })
        print(json.dumps(out))
    elif command == "delete-version":
        bucket, key = sys.argv[3], sys.argv[4]
        version = s3.head_object(Bucket=bucket, Key=key)["VersionId"]
        try:
            s3.delete_object(Bucket=bucket, Key=key, VersionId=version)
            print(json.dumps({"result": "deleted", "version_id": version}))
        except ClientError as e:
            print(json.dumps({"result": e.response["Error"]["Code"], "version_id": version}))
    elif command == "overwrite":
        bucket, key = sys.argv[3], sys.argv[4]
        before = s3.head_object(Bucket=bucket, Key=key)
        put = s3.put_object(Bucket=bucket, Key=key, Body=b"overwritten")
        try:
            s3.delete_object(Bucket=bucket, Key=key, VersionId=before["VersionId"])
            old = "deleted"
        except ClientError as e:
            old = e.response["Error"]["Code"]
        versions = s3.list_object_versions(Bucket=bucket, Prefix=key).get("Versions", [])
        kept = [v["VersionId"] for v in versions if v["Key"] == key]
        print(json.dumps({
            "old_version": before["VersionId"], "new_version": put.get("VersionId"),
            "delete_old_version": old, "old_version_still_there": before["VersionId"] in kept,
        }))
    elif command == "tamper":
        bucket, key = sys.argv[3], sys.argv[4]
        h = s3.head_object(Bucket=bucket, Key=key)
        s3.delete_object(Bucket=bucket, Key=key, VersionId=h["VersionId"], BypassGovernanceRetention=True)
        s3.put_object(Bucket=bucket, Key=key, Body=b"changed behind Chronicle's back\n", ChecksumAlgorithm="SHA256")
        print(json.dumps({"result": "tampered", "old_version": h["VersionId"]}))
    else:
        raise SystemExit(f"unknown command {command}")


main()
