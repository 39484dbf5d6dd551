"""Baseline: what a boto3 script does, a list_accounts paginator then list_account_roles for
every account, one call at a time, with botocore's standard retries. Reads its input as JSON on
stdin (so the access token never appears in a process list) and prints one JSON line."""
import json
import sys
import time

try:
    import boto3
    from botocore.config import Config
except ImportError as e:  # pragma: no cover - depends on the machine
    print(json.dumps({"skipped": "boto3 is not installed (%s)" % e}))
    sys.exit(0)


def main():
    o = json.load(sys.stdin)
    client = boto3.session.Session().client(
        "sso",
        region_name=o["region"],
        endpoint_url=o["url"],
        config=Config(retries={"mode": "standard", "max_attempts": 3}),
    )
    token = o["accessToken"]
    limit = int(o["limit"])
    time_limit = float(o["timeLimitSeconds"])
    start = time.perf_counter()
    ids = []
    pages = 0
    for page in client.get_paginator("list_accounts").paginate(
        accessToken=token, PaginationConfig={"PageSize": int(o["pageSize"])}
    ):
        pages += 1
        ids.extend(a["accountId"] for a in page.get("accountList", []))
        if len(ids) >= limit:
            break
    ids = ids[:limit]
    roles = 0
    failed = 0
    done = 0
    capped = None
    roles_paginator = client.get_paginator("list_account_roles")
    for account_id in ids:
        if time.perf_counter() - start > time_limit:
            capped = time.perf_counter() - start
            break
        try:
            for page in roles_paginator.paginate(accessToken=token, accountId=account_id):
                roles += len(page.get("roleList", []))
        except Exception:  # noqa: BLE001 - a failed call is what we count
            failed += 1
        done += 1
    result = {
        "seconds": time.perf_counter() - start,
        "accounts": done,
        "pages": pages,
        "failedCalls": failed,
        "roles": roles,
    }
    if capped is not None:
        result["cappedAt"] = capped
    print(json.dumps(result))


main()
