import { describe, expect, it } from 'vitest';
import { windowPosition } from './window-position';

const size = { width: 400, height: 600 };
const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('windowPosition', () => {
  it('opens below a menu-bar icon, centred on it', () => {
    const work = { x: 0, y: 25, width: 1920, height: 1055 };
    expect(windowPosition({ x: 1500, y: 0, width: 22, height: 24 }, size, work)).toEqual({
      x: 1311,
      y: 29,
    });
  });

  it('opens above a bottom taskbar icon and stays inside the work area', () => {
    const work = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(windowPosition({ x: 1880, y: 1044, width: 32, height: 32 }, size, work)).toEqual({
      x: 1516,
      y: 436,
    });
  });

  it('opens beside a left taskbar', () => {
    const work = { x: 48, y: 0, width: 1872, height: 1080 };
    expect(windowPosition({ x: 8, y: 900, width: 32, height: 32 }, size, work)).toEqual({
      x: 52,
      y: 476,
    });
  });

  it('falls back to the top-right corner without tray bounds', () => {
    expect(windowPosition(null, size, screen)).toEqual({ x: 1516, y: 4 });
    expect(windowPosition({ x: 0, y: 0, width: 0, height: 0 }, size, screen)).toEqual({
      x: 1516,
      y: 4,
    });
  });
});
