// Where the small window opens: next to the tray icon, inside the screen's work area.
// Menu bar at the top (macOS, most Linux panels): below the icon. Taskbar at the bottom
// (Windows default): above it. Left/right taskbars: beside it.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 4;

export function windowPosition(
  tray: Rect | null,
  size: { width: number; height: number },
  workArea: Rect,
): { x: number; y: number } {
  const clampX = (x: number) =>
    Math.round(
      Math.min(Math.max(x, workArea.x + GAP), workArea.x + workArea.width - size.width - GAP),
    );
  const clampY = (y: number) =>
    Math.round(
      Math.min(Math.max(y, workArea.y + GAP), workArea.y + workArea.height - size.height - GAP),
    );
  // No tray bounds (some Linux desktops report none): top-right corner of the work area.
  if (tray === null || (tray.width === 0 && tray.height === 0)) {
    return { x: clampX(workArea.x + workArea.width), y: clampY(workArea.y) };
  }
  const centreX = tray.x + tray.width / 2;
  const centreY = tray.y + tray.height / 2;
  const workCentreY = workArea.y + workArea.height / 2;
  const leftOfWork = tray.x + tray.width <= workArea.x;
  const rightOfWork = tray.x >= workArea.x + workArea.width;
  if (leftOfWork)
    return { x: clampX(tray.x + tray.width + GAP), y: clampY(centreY - size.height / 2) };
  if (rightOfWork)
    return { x: clampX(tray.x - size.width - GAP), y: clampY(centreY - size.height / 2) };
  const x = clampX(centreX - size.width / 2);
  return centreY < workCentreY
    ? { x, y: clampY(tray.y + tray.height + GAP) }
    : { x, y: clampY(tray.y - size.height - GAP) };
}
