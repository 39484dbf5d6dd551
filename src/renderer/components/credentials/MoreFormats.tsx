// "More formats": a menu button after the portal's three shell tabs (fish, sh variables without
// export, a .env file, Nushell, the AWS CLI's JSON), and the block that shows the chosen one's
// text with Copy. The menu follows the ARIA menu-button pattern: Enter, Space or the arrow keys
// open it on an item; the arrows, Home and End move; Enter or Space choose; Escape and Tab close.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  formatCredentials,
  MORE_FORMATS,
  type MoreFormat,
  type MoreFormatId,
} from '../../../shared/credential-formats';
import type { RoleCredentials } from '../../../shared/schemas';
import type { RoleCredentialsState } from '../useRoleCredentials';
import { CodeBlock } from './CodeBlock';

/** The "More formats" the menu offers, in order. */
const MORE: readonly MoreFormat[] = MORE_FORMATS;

export function moreFormat(id: MoreFormatId): MoreFormat {
  return MORE.find((f) => f.id === id) ?? MORE[0]!;
}

interface MenuProps {
  ids: string;
  chosen: MoreFormatId | null;
  onChoose: (id: MoreFormatId) => void;
}

export function MoreFormatsMenu({ ids, chosen, onChoose }: MenuProps) {
  const [open, setOpen] = useState(false);
  // which item has focus while open
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement | null>(null);
  const menu = useRef<HTMLUListElement | null>(null);
  const menuId = `${ids}-more-menu`;
  const itemId = (i: number) => `${ids}-more-${MORE[i]?.id ?? i}`;

  // the active item has the focus while the menu is open
  useEffect(() => {
    if (open) document.getElementById(`${ids}-more-${MORE[active]?.id ?? active}`)?.focus();
  }, [open, active, ids]);

  useEffect(() => {
    if (!open) return;
    // a click anywhere else closes the menu
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node | null;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function openAt(i: number) {
    setActive((i + MORE.length) % MORE.length);
    setOpen(true);
  }

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function choose(i: number) {
    const f = MORE[i];
    if (f === undefined) return;
    setOpen(false);
    onChoose(f.id);
  }

  function onButtonKey(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openAt(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(MORE.length - 1);
    }
  }

  function onMenuKey(e: KeyboardEvent<HTMLUListElement>) {
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (e.key in step) {
      e.preventDefault();
      setActive((a) => (a + (step[e.key] ?? 0) + MORE.length) % MORE.length);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setActive(e.key === 'Home' ? 0 : MORE.length - 1);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      // the menu, not the dialog, closes
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    } else if (e.key.length === 1) {
      // type-ahead: the next item starting with the typed character
      const k = e.key.toLowerCase();
      const order = MORE.map((_, n) => (active + 1 + n) % MORE.length);
      const hit = order.find((n) => MORE[n]?.label.replace(/^\./, '').toLowerCase().startsWith(k));
      if (hit !== undefined) setActive(hit);
    }
  }

  return (
    <div className="more-formats">
      <button
        ref={button}
        type="button"
        id={`${ids}-more-button`}
        className={`more-button${chosen !== null ? ' chosen' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        More formats <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <ul
          ref={menu}
          role="menu"
          id={menuId}
          aria-labelledby={`${ids}-more-button`}
          className="menu"
          onKeyDown={onMenuKey}
        >
          {MORE.map((f, i) => (
            <li
              key={f.id}
              role="menuitemradio"
              id={itemId(i)}
              aria-checked={f.id === chosen}
              tabIndex={i === active ? 0 : -1}
              onClick={() => choose(i)}
              onMouseEnter={() => setActive(i)}
            >
              {f.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

interface OptionProps {
  ids: string;
  creds: RoleCredentials;
  format: MoreFormat;
  profileName: string;
  copy: RoleCredentialsState['copy'];
  onClose: () => void;
}

/** The chosen format's text with Copy; it takes focus when shown, so the keyboard lands on it. */
export function MoreFormatOption({ ids, creds, format, profileName, copy, onClose }: OptionProps) {
  const section = useRef<HTMLElement | null>(null);
  useEffect(() => {
    section.current?.querySelector<HTMLElement>('pre')?.focus();
  }, [format.id]);
  return (
    <section ref={section} className="option" aria-labelledby={`${ids}-more-title`}>
      <div className="option-title">
        <h3 id={`${ids}-more-title`}>{format.label}</h3>
        <button type="button" className="small-button" onClick={onClose}>
          Hide
        </button>
      </div>
      <CodeBlock
        key={format.id}
        label={`Credentials as ${format.label}`}
        text={formatCredentials(creds, format.id, profileName)}
        onCopy={() => copy(format.id, `the ${format.label} text`)}
      />
    </section>
  );
}
