// The web host's /_debug routes: what the OS would have done (the tray and its clicks,
// notifications, the clipboard, opened pages and folders, main's questions and their answers),
// the quick pick's shortcut, the clock, and the scripted updater. Behind the same token as /api.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findMenuItem } from '../../src/main/core/tray';
import { BodyError, envelopeStatus, readBody, sendError, sendJson } from './http';
import type { ServerContext } from './server';

export async function debug(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
): Promise<void> {
  const body = async (): Promise<Record<string, unknown>> => {
    const value = await readBody(req);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BodyError(400, 'Expected a JSON object.');
    }
    return value as Record<string, unknown>;
  };
  try {
    if (method === 'GET' && path === '/_debug/tray') {
      await ctx.core.ready.catch(() => undefined);
      return sendJson(res, 200, { items: ctx.core.tray.model(), status: ctx.core.tray.status() });
    }
    if (method === 'POST' && path === '/_debug/tray/click') {
      const b = await body();
      let id: string | undefined;
      if (typeof b.id === 'string') id = b.id;
      else if (Array.isArray(b.path) && b.path.every((p) => typeof p === 'string')) {
        id = findMenuItem(ctx.core.tray.model(), { labelPath: b.path as string[] })?.id;
      } else return sendError(res, 400, 'Give "id" or "path" (an array of labels).');
      if (id === undefined || findMenuItem(ctx.core.tray.model(), { id }) === undefined) {
        return sendError(res, 404, 'No such menu item.');
      }
      const envelope = await ctx.core.tray.click(id);
      return sendJson(res, envelope.ok ? 200 : envelopeStatus(envelope), envelope);
    }
    if (method === 'GET' && path === '/_debug/notifications') {
      return sendJson(res, 200, { notifications: ctx.notifier.shown });
    }
    if (method === 'POST' && path === '/_debug/notifications/click') {
      const b = await body();
      if (typeof b.id !== 'string') return sendError(res, 400, 'Give the notification "id".');
      if (b.action !== undefined && typeof b.action !== 'string') {
        return sendError(res, 400, '"action" is the id of one of its actions.');
      }
      const envelope = await ctx.core.notifications.click(b.id, b.action);
      return sendJson(res, envelope.ok ? 200 : envelopeStatus(envelope), envelope);
    }
    if (method === 'GET' && path === '/_debug/clipboard') {
      return sendJson(res, 200, { text: ctx.clipboard.text });
    }
    if (method === 'GET' && path === '/_debug/confirmations') {
      return sendJson(res, 200, { confirmations: ctx.confirmer.asked });
    }
    if (method === 'POST' && path === '/_debug/confirmations/answer') {
      const b = await body();
      if (typeof b.id !== 'string' || typeof b.confirm !== 'boolean') {
        return sendError(res, 400, 'Give the question\'s "id" and "confirm": true or false.');
      }
      if (!ctx.confirmer.answer(b.id, b.confirm)) {
        return sendError(res, 404, 'No question with this id is waiting for an answer.');
      }
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'GET' && path === '/_debug/opened') {
      return sendJson(res, 200, {
        urls: ctx.browser.opened,
        folders: ctx.folders.opened,
        launched: ctx.browser.launched,
      });
    }
    if (method === 'GET' && path === '/_debug/log') {
      const file = ctx.paths.logFile ?? '';
      const text = await readFile(file, 'utf8').catch(() => '');
      return sendJson(res, 200, { file, text });
    }
    if (method === 'POST' && path === '/_debug/palette') {
      // The stand-in for the keys: presses the shortcut the app registered, as the OS would.
      await ctx.core.ready.catch(() => undefined);
      const accelerator = ctx.shortcuts.press();
      if (accelerator === null) {
        return sendError(res, 409, 'No quick pick shortcut is registered (off, or refused).');
      }
      return sendJson(res, 200, { ok: true, accelerator });
    }
    if (method === 'GET' && path === '/_debug/palette') {
      return sendJson(res, 200, {
        registered: [...ctx.shortcuts.registered.keys()],
        shown: ctx.palette.shown,
        closed: ctx.palette.closed,
      });
    }
    if (path === '/_debug/updates' && (method === 'GET' || method === 'POST')) {
      const u = ctx.updater;
      if (u === undefined) return sendError(res, 409, 'Start the web host with scriptedUpdates.');
      if (method === 'POST') {
        const b = await body();
        const text = (v: unknown) => v === null || (typeof v === 'string' && v.length <= 500);
        if ((b.offer !== undefined && !text(b.offer)) || (b.fail !== undefined && !text(b.fail))) {
          return sendError(res, 400, '"offer" is a version or null, "fail" a message or null.');
        }
        if (b.offer !== undefined) u.offered = b.offer as string | null;
        if (b.fail !== undefined) u.failNext = b.fail as string | null;
      }
      return sendJson(res, 200, {
        offered: u.offered,
        checks: u.checks,
        downloads: u.downloads,
        configs: u.configs,
        restarts: u.restarts,
      });
    }
    if (method === 'GET' && path === '/_debug/paths') {
      return sendJson(res, 200, ctx.paths);
    }
    if (method === 'GET' && path === '/_debug/state') {
      await ctx.core.ready.catch(() => undefined);
      return sendJson(res, 200, ctx.core.state());
    }
    if (path === '/_debug/clock' && (method === 'GET' || method === 'POST')) {
      if (method === 'POST') {
        const b = await body();
        const ms = b.advanceMs;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 366 * 86_400_000) {
          return sendError(res, 400, '"advanceMs" is a number of milliseconds >= 0.');
        }
        ctx.clock.advance(ms);
      }
      return sendJson(res, 200, { now: ctx.clock.now(), speed: ctx.clock.speed });
    }
    sendError(res, 404, 'Not found.');
  } catch (e) {
    sendError(res, e instanceof BodyError ? e.status : 400, (e as Error).message);
  }
}
