// The app's log file: electron-log's file transport in the OS logs folder (app.getPath('logs'):
// ~/Library/Logs/SSO Tray on macOS, %APPDATA%\SSO Tray\logs on Windows, ~/.config/SSO Tray/logs
// on Linux), rotated at 1 MB into main.old.log. Lines come from the core's logger, already
// redacted; electron-log's own error catching is not used, since it would write raw messages.
import { dirname } from 'node:path';
import { app, shell } from 'electron';
import { createLogger, formatLogLine, type Logger } from '../core/log/logger';

export interface AppLog {
  logger: Logger;
  /** The folder holding main.log. */
  folder: string;
  openFolder(): Promise<boolean>;
}

/** electron-log is loaded here, once the app starts (it reads Electron's paths on load). */
export async function createAppLog(): Promise<AppLog> {
  const { default: log } = await import('electron-log/main');
  const file = log.transports.file;
  file.level = 'debug';
  file.maxSize = 1024 * 1024;
  file.format = '{text}';
  log.transports.console.level = app.isPackaged ? false : 'info';
  log.transports.console.format = '{text}';
  const folder = dirname(file.getFile().path);
  const logger = createLogger(
    {
      write: (entry) => {
        const line = formatLogLine(entry);
        if (entry.level === 'error') log.error(line);
        else if (entry.level === 'warn') log.warn(line);
        else if (entry.level === 'info') log.info(line);
        else log.debug(line);
      },
    },
    { level: 'debug' },
  );
  return {
    logger,
    folder,
    // shell.openPath answers '' on success, else the reason it could not
    openFolder: async () => (await shell.openPath(folder)) === '',
  };
}

/** Writes what would otherwise crash the app, redacted, to the log; the tray keeps running. */
export function logUncaught(logger: Logger): void {
  process.on('uncaughtException', (error) => logger.error('uncaught exception', { error }));
  process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error }));
}
