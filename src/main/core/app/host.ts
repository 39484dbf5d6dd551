// The channels that reach the host itself rather than a service: the app window, the quick
// pick's window and the folder of the log, and how the dispatcher words what it refuses and what it does not recognise.
import { SsoTrayError } from '../errors';
import { UNEXPECTED_MESSAGE, type DispatchOptions, type Handlers } from '../ipc/dispatch';
import type { Logger } from '../log/logger';
import type { PalettePort } from './palette-shortcut';
import type { WindowPort } from './ports';

export function windowHandlers(window: WindowPort | undefined): Pick<Handlers, 'window.hide'> {
  return {
    'window.hide': async () => {
      window?.hide();
    },
  };
}

export function paletteHandlers(palette: PalettePort | undefined): Pick<Handlers, 'palette.close'> {
  return {
    'palette.close': async () => {
      palette?.hide();
    },
  };
}

export interface LogsOptions {
  /** Where the host keeps the log, to show the user (a folder or file path). */
  logsLocation?: string | undefined;
  /** Opens the folder of the log in the OS file manager; false when it could not. */
  openLogsFolder?: (() => Promise<boolean>) | undefined;
}

export function logHandlers(o: LogsOptions): Pick<Handlers, 'logs.openFolder'> {
  return {
    'logs.openFolder': async () => {
      if (o.openLogsFolder === undefined || !(await o.openLogsFolder())) {
        throw new SsoTrayError(
          'FILE',
          o.logsLocation === undefined
            ? 'This build of SSO Tray keeps no log.'
            : `The logs folder could not be opened: ${o.logsLocation}`,
        );
      }
    },
  };
}

/** What hosts pass to dispatchInvoke: refusals go to the log, unknown errors say where it is. */
export function dispatchOptions(ipcLog: Logger, logsLocation: string | undefined): DispatchOptions {
  return {
    onRefused: (channel, reason) => ipcLog.warn('request refused', { channel, reason }),
    onBadResult: (channel, reason) =>
      ipcLog.error('result refused: it does not match the contract', { channel, reason }),
    unexpectedMessage:
      logsLocation === undefined
        ? UNEXPECTED_MESSAGE
        : `Something went wrong. The details are in the log: ${logsLocation}`,
  };
}
