// The virtualised account → role tree (ARIA tree with roving focus). Rows are flat, with
// aria-level / aria-setsize / aria-posinset, so only the visible ones exist in the DOM.
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { Account, Role } from '../../shared/schemas';
import { parentIndex, type TreeRow } from '../lib/tree';
import { ChevronIcon, Spinner } from './icons';
import { RoleActions } from './RoleActions';
import { useFixedRows } from './useFixedRows';

const ROW_HEIGHT = 40;

interface Props {
  rows: readonly TreeRow[];
  activeKey: string | null;
  onActiveKey: (key: string) => void;
  onToggle: (account: Account) => void;
  onOpen: (account: Account, role: Role) => void;
  onConsole: (account: Account, role: Role) => void;
  onFavourite: (account: Account, role: Role) => void;
  isFavourite: (accountId: string, roleName: string) => boolean;
  loadingRoles: ReadonlySet<string>;
  label: string;
  /** Lets the search box move focus into the tree. */
  treeRef?: RefObject<HTMLDivElement | null>;
}

export function AccountTree({
  rows,
  activeKey,
  onActiveKey,
  onToggle,
  onOpen,
  onConsole,
  onFavourite,
  isFavourite,
  loadingRoles,
  label,
  treeRef,
}: Props) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const virtual = useFixedRows({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    scrollRef,
    overscan: 4,
    // The tree is no taller than the window: its first render has every row in view.
    initialHeight: window.innerHeight,
  });

  const found = activeKey === null ? -1 : rows.findIndex((r) => r.key === activeKey);
  const activeIndex = found === -1 ? 0 : found;

  // Focus follows keyboard moves once the target row is rendered (it may be scrolled in first).
  // Elements are reused by position, so when rows change under a focused row (roles arriving
  // above it), focus goes back to the active row.
  useEffect(() => {
    const focused = document.activeElement;
    const drifted =
      focused instanceof HTMLElement &&
      focused.getAttribute('role') === 'treeitem' &&
      scrollRef.current?.contains(focused) === true &&
      activeKey !== null &&
      focused.dataset.key !== activeKey;
    const key = pendingFocus.current ?? (drifted ? activeKey : null);
    if (key === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  function moveTo(index: number) {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (row === undefined) return;
    pendingFocus.current = row.key;
    onActiveKey(row.key);
    virtual.scrollToIndex(rows.indexOf(row));
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    // Keys typed on a button inside a row belong to the button.
    if (!(e.target instanceof HTMLElement) || e.target.getAttribute('role') !== 'treeitem') return;
    const row = rows[activeIndex];
    if (row === undefined) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.kind === 'account') {
          if (!row.expanded) onToggle(row.account);
          else if (rows[activeIndex + 1]?.kind === 'role') moveTo(activeIndex + 1);
        }
        break;
      case 'ArrowLeft':
        if (row.kind === 'role') moveTo(parentIndex(rows, activeIndex));
        else if (row.expanded) onToggle(row.account);
        break;
      case 'Enter':
      case ' ':
        if (row.kind === 'account') onToggle(row.account);
        else onOpen(row.account, row.role);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  }

  return (
    <div
      ref={(el) => {
        scrollRef.current = el;
        if (treeRef) treeRef.current = el;
      }}
      className="tree-scroll"
      role="tree"
      aria-label={label}
      onKeyDown={onKeyDown}
    >
      <div className="tree-inner" style={{ height: virtual.totalSize }}>
        {/* React keys are row positions, not row identities: when the search changes the rows,
            the elements on screen are updated in place instead of being replaced (far fewer DOM
            operations per keystroke). Rows hold no state of their own. */}
        {virtual.items.map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          const active = item.index === activeIndex;
          const common = {
            role: 'treeitem',
            'data-key': row.key,
            'aria-level': row.level,
            'aria-setsize': row.setSize,
            'aria-posinset': row.posInSet,
            'aria-selected': active,
            tabIndex: active ? 0 : -1,
            style: { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT },
            onFocus: (e: React.FocusEvent) => {
              if (e.target === e.currentTarget && !active) onActiveKey(row.key);
            },
          } as const;
          if (row.kind === 'account') {
            const loading = loadingRoles.has(row.account.accountId);
            return (
              <div
                key={`${item.index}:a`}
                {...common}
                className={`tree-row account-row${active ? ' active' : ''}`}
                aria-expanded={row.expanded}
                aria-busy={loading || undefined}
                onClick={() => {
                  onActiveKey(row.key);
                  onToggle(row.account);
                }}
              >
                <span className={`chevron${row.expanded ? ' open' : ''}`}>
                  <ChevronIcon />
                </span>
                <span className="account-text">
                  <span className="account-name">{row.account.accountName}</span>
                  <span className="account-meta">
                    {row.account.accountId}
                    {row.account.emailAddress ? ` · ${row.account.emailAddress}` : ''}
                  </span>
                </span>
                {loading ? (
                  <Spinner label={`Loading roles of ${row.account.accountName}`} />
                ) : row.expanded && row.roleCount === 0 ? (
                  <span className="muted small">No roles</span>
                ) : null}
              </div>
            );
          }
          return (
            <div
              key={`${item.index}:r`}
              {...common}
              className={`tree-row role-row${active ? ' active' : ''}`}
              onDoubleClick={() => onOpen(row.account, row.role)}
              onClick={() => onActiveKey(row.key)}
            >
              <span className="role-name">{row.role.roleName}</span>
              <RoleActions
                roleName={row.role.roleName}
                tabbable={active}
                favourite={isFavourite(row.account.accountId, row.role.roleName)}
                onAccessKeys={() => onOpen(row.account, row.role)}
                onConsole={() => onConsole(row.account, row.role)}
                onFavourite={() => onFavourite(row.account, row.role)}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
