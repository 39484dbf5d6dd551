// `sso-tray serve` as the endpoint tests start it: the bundled CLI in the background, with the
// URL and token read from the lines it prints.
import type { ChildProcess } from 'node:child_process';
import type { EndpointAddress } from '../../src/main/core/endpoint';
import { startCli, type Run } from './cli';

/** A long-running botocore client: one GetCallerIdentity per line read, one JSON line out. */
export const BOTOCORE_LOOP = `
import json, sys, botocore.session
client = botocore.session.get_session().create_client("sts")
for line in sys.stdin:
    try:
        print(json.dumps({"arn": client.get_caller_identity()["Arn"]}), flush=True)
    except Exception as e:
        print(json.dumps({"error": str(e)}), flush=True)
`;

export interface Serve {
  child: ChildProcess;
  done: Promise<Run>;
  address: EndpointAddress;
  url: string;
  stdout: string;
}

/** Starts `sso-tray serve ARGS` and waits for the lines it prints. */
export async function startServe(args: string[], env: Record<string, string>): Promise<Serve> {
  const { child, done } = startCli(['serve', ...args, '--verbose'], env);
  let stdout = '';
  const printed = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/AWS_CONTAINER_AUTHORIZATION_TOKEN="[^"]+"\n/.test(stdout)) resolve(stdout);
    });
    void done.then((r) => reject(new Error(`serve exited ${r.code}: ${r.stderr}`)));
  });
  const text = await printed;
  const url = /AWS_CONTAINER_CREDENTIALS_FULL_URI="([^"]+)"/.exec(text)?.[1] ?? '';
  const token = /AWS_CONTAINER_AUTHORIZATION_TOKEN="([^"]+)"/.exec(text)?.[1] ?? '';
  return { child, done, address: { port: Number(new URL(url).port), token }, url, stdout: text };
}
