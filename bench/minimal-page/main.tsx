// The framework's own start, for the render bench: built like the window (the same Vite
// settings and plugins, the same React build), one component rendering one row. The window's
// first row, measured the same way, is compared with this page's.
import { createRoot } from 'react-dom/client';

function OneRow() {
  return (
    <div role="tree" aria-label="Accounts">
      <div role="treeitem" aria-level={1} aria-selected={false}>
        Account
      </div>
    </div>
  );
}

const root = document.getElementById('root');
if (root !== null) createRoot(root).render(<OneRow />);
