// The device code flow: the user approves a code in any browser while this polls CreateToken
// exactly as the AWS CLI does (at once, then every `interval`, slower on SlowDown).
import { SsoTrayError } from '../errors';
import { errorName } from './aws-errors';
import {
  cancelled,
  DEVICE_GRANT,
  grantFrom,
  mapOidcError,
  send,
  type FlowContext,
  type Registration,
  type TokenGrant,
} from './oidc-client';
import { loadOidcSdk } from './sdk-clients';

/** Device code flow, polled exactly like the AWS CLI (first CreateToken at once). */
export async function deviceFlow(
  ctx: FlowContext,
  reg: Registration,
  startUrl: string,
): Promise<TokenGrant> {
  const { CreateTokenCommand, StartDeviceAuthorizationCommand } = await loadOidcSdk();
  const auth = await send(ctx, 'start the device sign-in', () =>
    ctx.client.send(
      new StartDeviceAuthorizationCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        startUrl,
      }),
      { abortSignal: ctx.signal },
    ),
  );
  if (!auth.deviceCode || !auth.verificationUri) {
    throw new SsoTrayError('AWS', 'StartDeviceAuthorization returned no device code.');
  }
  let interval = (auth.interval ?? 5) * 1000;
  let prompted = false;
  for (;;) {
    const t = ctx.clock.now();
    try {
      const out = await ctx.client.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: DEVICE_GRANT,
          deviceCode: auth.deviceCode,
        }),
        { abortSignal: ctx.signal },
      );
      return grantFrom(out, t);
    } catch (e) {
      if (ctx.signal?.aborted) throw cancelled();
      const name = errorName(e);
      if (name === 'SlowDownException') interval += 5000;
      else if (name === 'ExpiredTokenException') {
        throw new SsoTrayError(
          'AUTH_EXPIRED',
          'The sign-in request expired before it was approved. Start the sign-in again.',
        );
      } else if (name === 'AccessDeniedException') {
        throw new SsoTrayError('AUTH_DENIED', 'The sign-in request was denied.');
      } else if (name !== 'AuthorizationPendingException') {
        throw mapOidcError(e, ctx, 'finish the sign-in');
      }
    }
    if (!prompted) {
      prompted = true;
      const url = auth.verificationUriComplete ?? auth.verificationUri;
      ctx.onPrompt?.({
        flow: 'device',
        url,
        verificationUri: auth.verificationUri,
        ...(auth.userCode ? { userCode: auth.userCode } : {}),
      });
      if (ctx.openBrowser) await ctx.openBrowser(url).catch(() => false);
    }
    try {
      await ctx.clock.sleep(interval, ctx.signal);
    } catch {
      throw cancelled();
    }
  }
}
