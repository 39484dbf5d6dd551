import { describe, expect, it } from 'vitest';
import { signalExitCode, userShell } from './exec-child';

describe('exec child', () => {
  it('reports a signal death as the shells do: 128 + its number', () => {
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('SIGKILL')).toBe(137);
    expect(signalExitCode('SIGTERM')).toBe(143);
  });

  it("starts the user's shell: $SHELL, %COMSPEC% on Windows", () => {
    expect(userShell({ SHELL: '/usr/bin/fish' }, 'linux')).toBe('/usr/bin/fish');
    expect(userShell({}, 'darwin')).toBe('/bin/sh');
    expect(userShell({ COMSPEC: 'C:\\Windows\\system32\\cmd.exe' }, 'win32')).toBe(
      'C:\\Windows\\system32\\cmd.exe',
    );
    expect(userShell({ SHELL: '/bin/bash' }, 'win32')).toBe('cmd.exe');
  });
});
