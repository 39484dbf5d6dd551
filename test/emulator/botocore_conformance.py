"""Drives the local AWS emulator with boto3/botocore and prints one JSON object of results.

Usage: python3 botocore_conformance.py EMULATOR_URL
The emulator must run without auto-approve and without faults; this script toggles them through
the admin API. HOME, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE should point into a
temporary directory (the caller sets them). Never prints secrets.
"""

import hashlib
import json
import os
import secrets
import sys
import time
import urllib.parse
import urllib.request
from base64 import urlsafe_b64encode
from datetime import datetime, timedelta, timezone

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

URL = sys.argv[1]
REGION = "us-east-1"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
results = {"botocore": botocore.__version__}


def admin(path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(URL + "/_emulator/" + path, data=data, method="GET" if body is None else "POST")
    with urllib.request.urlopen(req) as res:
        return json.loads(res.read() or b"null")


def error(fn, **kwargs):
    """Calls fn and returns (code, http status) of the ClientError it raises."""
    try:
        fn(**kwargs)
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return {"code": None, "status": 200}


def client(service, attempts=3):
    return boto3.client(
        service,
        region_name=REGION,
        endpoint_url=URL,
        config=Config(retries={"max_attempts": attempts, "mode": "standard"}),
    )


org = admin("organisation")
start_url = org["startUrl"]
account = org["accounts"][0]
oidc = client("sso-oidc", attempts=1)
sso = client("sso", attempts=1)

# RegisterClient: second-based timestamps.
reg = oidc.register_client(clientName="botocore-client-emu", clientType="public", scopes=["sso:account:access"])
cid = {"clientId": reg["clientId"], "clientSecret": reg["clientSecret"]}
now = time.time()
results["register"] = {
    "issuedAtIsSeconds": abs(reg["clientIdIssuedAt"] - now) < 300,
    "secretExpiresInDays": round((reg["clientSecretExpiresAt"] - now) / 86400),
}

# Device flow: pending, slow_down, approve, token with refresh token.
dev = oidc.start_device_authorization(startUrl=start_url, **cid)
results["device"] = {
    "verificationUri": dev["verificationUri"],
    "verificationUriComplete": dev["verificationUriComplete"],
    "userCode": dev["userCode"],
    "interval": dev["interval"],
    "expiresIn": dev["expiresIn"],
    "pending": error(oidc.create_token, grantType=DEVICE_GRANT, deviceCode=dev["deviceCode"], **cid),
    "slowDown": error(oidc.create_token, grantType=DEVICE_GRANT, deviceCode=dev["deviceCode"], **cid),
}
admin("approve", {"userCode": dev["userCode"]})
time.sleep(dev["interval"])
tok = oidc.create_token(grantType=DEVICE_GRANT, deviceCode=dev["deviceCode"], **cid)
access_token = tok["accessToken"]
results["device"]["token"] = {
    "tokenType": tok["tokenType"],
    "expiresIn": tok["expiresIn"],
    "hasRefreshToken": bool(tok.get("refreshToken")),
}

# Denied and unknown client.
dev2 = oidc.start_device_authorization(startUrl=start_url, **cid)
admin("deny", {"userCode": dev2["userCode"]})
results["denied"] = error(oidc.create_token, grantType=DEVICE_GRANT, deviceCode=dev2["deviceCode"], **cid)
results["invalidClient"] = error(
    oidc.start_device_authorization, clientId="nope", clientSecret="nope", startUrl=start_url
)

# Refresh grant.
ref = oidc.create_token(grantType="refresh_token", refreshToken=tok["refreshToken"], **cid)
results["refresh"] = {
    "newAccessToken": ref["accessToken"] != access_token,
    "hasRefreshToken": bool(ref.get("refreshToken")),
    "bogus": error(oidc.create_token, grantType="refresh_token", refreshToken="bogus", **cid),
}

# Authorization code + PKCE, as the AWS CLI does it.
admin("configure", {"autoApprove": True})
pkce = oidc.register_client(
    clientName="botocore-client-emu",
    clientType="public",
    scopes=["sso:account:access"],
    grantTypes=["authorization_code", "refresh_token"],
    redirectUris=["http://127.0.0.1/oauth/callback"],
    issuerUrl=start_url,
)
pcid = {"clientId": pkce["clientId"], "clientSecret": pkce["clientSecret"]}
alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
verifier = "".join(secrets.choice(alphabet) for _ in range(64))
challenge = urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
redirect_uri = "http://127.0.0.1:51234/oauth/callback"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def authorize(state):
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": pkce["clientId"],
            "redirect_uri": redirect_uri,
            "state": state,
            "code_challenge_method": "S256",
            "scopes": "sso:account:access",
            "code_challenge": challenge,
        }
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(URL + "/authorize?" + query)
    except urllib.error.HTTPError as e:
        location = urllib.parse.urlparse(e.headers["Location"])
        params = urllib.parse.parse_qs(location.query)
        return e.code, params.get("code", [""])[0], params.get("state", [""])[0]
    return 200, "", ""


status, code, state = authorize("st-1")
pk = oidc.create_token(
    grantType="authorization_code", code=code, redirectUri=redirect_uri, codeVerifier=verifier, **pcid
)
_, code2, _ = authorize("st-2")
results["pkce"] = {
    "status": status,
    "state": state,
    "token": bool(pk.get("accessToken")) and bool(pk.get("refreshToken")),
    "wrongVerifier": error(
        oidc.create_token,
        grantType="authorization_code",
        code=code2,
        redirectUri=redirect_uri,
        codeVerifier=verifier[::-1],
        **pcid,
    ),
}
admin("configure", {"autoApprove": False})

# Portal: pagination (explicit null on the last page), roles, credentials, errors.
pages = list(sso.get_paginator("list_accounts").paginate(accessToken=access_token, PaginationConfig={"PageSize": 5}))
roles = [
    r["roleName"]
    for p in sso.get_paginator("list_account_roles").paginate(
        accessToken=access_token, accountId=account["accountId"], PaginationConfig={"PageSize": 1}
    )
    for r in p["roleList"]
]
creds = sso.get_role_credentials(accessToken=access_token, accountId=account["accountId"], roleName=account["roles"][0])[
    "roleCredentials"
]
results["portal"] = {
    "pages": len(pages),
    "accountIds": [a["accountId"] for p in pages for a in p["accountList"]],
    "roles": roles,
    "expirationMs": creds["expiration"],
    "accessKeyId": creds["accessKeyId"],
    "badPageSize": error(sso.list_accounts, accessToken=access_token, maxResults=500),
    "unknownRole": error(
        sso.get_role_credentials, accessToken=access_token, accountId=account["accountId"], roleName="NoSuchRole"
    ),
    "badToken": error(sso.list_accounts, accessToken="not-a-token"),
}

# STS: accepted with the issued credentials, rejected with a wrong secret or an unknown key.
def sts(key, secret, token):
    return boto3.client(
        "sts",
        region_name=REGION,
        endpoint_url=URL,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


ident = sts(creds["accessKeyId"], creds["secretAccessKey"], creds["sessionToken"]).get_caller_identity()
results["sts"] = {
    "arn": ident["Arn"],
    "account": ident["Account"],
    "userId": ident["UserId"],
    # A different first character (a fixed "x" would be no change for a secret that starts with it).
    "wrongSecret": error(sts(creds["accessKeyId"], ("y" if creds["secretAccessKey"][0] == "x" else "x") + creds["secretAccessKey"][1:], creds["sessionToken"]).get_caller_identity),
    "unknownKey": error(sts("ASIAUNKNOWNUNKNOWN22", creds["secretAccessKey"], creds["sessionToken"]).get_caller_identity),
}

# The SSO credential provider: botocore reads the token cache, calls GetRoleCredentials through
# AWS_ENDPOINT_URL_SSO and turns the millisecond expiration into a real date.
home = os.environ["HOME"]
session_name = "emu"
cache_dir = os.path.join(home, ".aws", "sso", "cache")
os.makedirs(cache_dir, exist_ok=True)
in_8h = (datetime.now(timezone.utc) + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
with open(os.path.join(cache_dir, hashlib.sha1(session_name.encode()).hexdigest() + ".json"), "w") as f:
    json.dump(
        {
            "startUrl": start_url,
            "region": REGION,
            "accessToken": access_token,
            "expiresAt": in_8h,
            "clientId": cid["clientId"],
            "clientSecret": cid["clientSecret"],
            "registrationExpiresAt": in_8h,
            "refreshToken": tok["refreshToken"],
        },
        f,
    )
with open(os.environ["AWS_CONFIG_FILE"], "w") as f:
    f.write(
        f"[sso-session {session_name}]\nsso_start_url = {start_url}\nsso_region = {REGION}\n"
        f"sso_registration_scopes = sso:account:access\n\n"
        f"[profile dev]\nsso_session = {session_name}\nsso_account_id = {account['accountId']}\n"
        f"sso_role_name = {account['roles'][0]}\nregion = {REGION}\n"
    )
os.environ["AWS_ENDPOINT_URL_SSO"] = URL
os.environ["AWS_ENDPOINT_URL_STS"] = URL
provider_session = boto3.Session(profile_name="dev")
frozen = provider_session.get_credentials()
frozen.get_frozen_credentials()  # loads the deferred credentials
expiry = getattr(frozen, "_expiry_time", None)
provider_ident = provider_session.client("sts").get_caller_identity()
results["provider"] = {
    "method": frozen.method,
    "expiresInMinutes": None if expiry is None else round((expiry - datetime.now(timezone.utc)).total_seconds() / 60),
    "arn": provider_ident["Arn"],
}

# Faults: 429 under the rate limit, 500 with failRate 1.
admin("configure", {"rateLimit": 1})
sso.list_accounts(accessToken=access_token)
results["throttled"] = error(sso.list_accounts, accessToken=access_token)
admin("configure", {"rateLimit": 0, "failRate": 1})
results["failed"] = {
    "portal": error(sso.list_accounts, accessToken=access_token),
    "oidc": error(oidc.register_client, clientName="x", clientType="public"),
}
admin("configure", {"failRate": 0})

# Logout ends the session; revoke ends every session.
sso.logout(accessToken=access_token)
results["afterLogout"] = error(sso.list_accounts, accessToken=access_token)
admin("revoke", {})
results["afterRevoke"] = error(sso.list_accounts, accessToken=ref["accessToken"])

print(json.dumps(results))
