// The Electron side of the core's ConfirmPort: a native message box whose default and cancel
// button is Cancel; only the confirm button (index 0) is a yes.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./testing/electron-mock')).electronModule());

const { fake } = await import('./testing/electron-mock');
const { electronConfirm, messageBoxOptions } = await import('./confirm');

const request = {
  title: 'Sign-in portal outside AWS',
  message: 'Add a session whose start URL is on sso.example.com?',
  detail: 'sso.example.com is not an address of the AWS access portal.',
  confirmLabel: 'Add session',
};

describe('electronConfirm', () => {
  beforeEach(() => fake.reset());

  it('shows a warning box from main with Cancel as the default and the escape answer', async () => {
    fake.dialog.answer = () => Promise.resolve({ response: 0, checkboxChecked: false });
    expect(await electronConfirm().confirm(request)).toBe(true);
    expect(fake.dialog.messageBoxes).toEqual([messageBoxOptions(request)]);
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
    fake.dialog.answer = () => Promise.resolve({ response: 1, checkboxChecked: false });
    expect(await electronConfirm().confirm(request)).toBe(false);
    // Escape or closing the box answers with cancelId (the mock's default answer).
    fake.dialog.reset();
    expect(await electronConfirm().confirm(request)).toBe(false);
    fake.dialog.answer = () => Promise.reject(new Error('no display'));
    expect(await electronConfirm().confirm(request)).toBe(false);
    expect(fake.dialog.messageBoxes).toHaveLength(2);
  });
});
