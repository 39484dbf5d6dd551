// The Electron side of the core's ConfirmPort: a native message box whose default and cancel
// button is Cancel; only the confirm button (index 0) is a yes.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const showMessageBox = vi.fn();
vi.mock('electron', () => ({ dialog: { showMessageBox } }));

const { electronConfirm, messageBoxOptions } = await import('./confirm');

const request = {
  title: 'Sign-in portal outside AWS',
  message: 'Add a session whose start URL is on sso.example.com?',
  detail: 'sso.example.com is not an address of the AWS access portal.',
  confirmLabel: 'Add session',
};

describe('electronConfirm', () => {
  beforeEach(() => showMessageBox.mockReset());

  it('shows a warning box from main with Cancel as the default and the escape answer', async () => {
    showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false });
    expect(await electronConfirm().confirm(request)).toBe(true);
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(showMessageBox.mock.calls[0]).toEqual([messageBoxOptions(request)]);
    expect(messageBoxOptions(request)).toEqual({
      type: 'warning',
      title: request.title,
      message: request.message,
      detail: request.detail,
      buttons: ['Add session', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
  });

  it('is a no for Cancel, for closing the box and when the box cannot be shown', async () => {
    showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await electronConfirm().confirm(request)).toBe(false);
    showMessageBox.mockRejectedValueOnce(new Error('no display'));
    expect(await electronConfirm().confirm(request)).toBe(false);
  });
});
