// Routes of the window's page (the hash): the quick pick has its own Electron window on this page.
export const PALETTE_ROUTE = '#/palette';
