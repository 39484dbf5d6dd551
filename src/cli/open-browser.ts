/** Opens `url` with the desktop's default browser; resolves false when that is not possible. */
export async function openInBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
): Promise<boolean> {
  // Loaded on use, so that the commands that never open a browser start without it.
  const { spawn } = await import('node:child_process');
  const [cmd, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok: boolean): void => {
      if (!done) {
        done = true;
        resolve(ok);
      }
    };
    try {
      const child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', () => finish(false));
      child.once('exit', (code) => finish(code === 0));
      // Some openers stay alive while the browser runs: started is good enough after a while.
      setTimeout(() => finish(true), 5000).unref();
      child.unref();
    } catch {
      finish(false);
    }
  });
}
