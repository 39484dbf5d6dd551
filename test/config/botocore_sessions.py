"""Prints, for each config file given, what botocore itself makes of it: its sso-sessions and the
SSO keys of its profiles, or that it refuses the file. The corpus test compares SSO Tray's reading
with this, file by file."""
import json
import os
import sys

import botocore.session
from botocore.exceptions import ConfigParseError

out = {}
for path in sys.argv[1:]:
    os.environ["AWS_CONFIG_FILE"] = path
    session = botocore.session.Session()
    try:
        config = session.full_config
    except (ConfigParseError, UnicodeDecodeError) as e:
        out[path] = {"error": type(e).__name__}
        continue
    out[path] = {
        "sessions": {
            name: {k: v for k, v in values.items() if k in ("sso_start_url", "sso_region")}
            for name, values in config.get("sso_sessions", {}).items()
        },
        "profiles": {
            name: {k: v for k, v in values.items() if isinstance(v, str) and k.startswith("sso_")}
            for name, values in config.get("profiles", {}).items()
        },
    }
print(json.dumps(out))
