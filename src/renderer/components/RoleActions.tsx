// The three actions of a role: Access keys (the Get credentials dialog), Open console, favourite.
import { ExternalIcon, KeyIcon, StarIcon } from './icons';

interface Props {
  roleName: string;
  favourite: boolean;
  /** In the tree only the active row's buttons are in the tab order. */
  tabbable?: boolean;
  onAccessKeys: () => void;
  onConsole: () => void;
  onFavourite: () => void;
}

export function RoleActions({
  roleName,
  favourite,
  tabbable = true,
  onAccessKeys,
  onConsole,
  onFavourite,
}: Props) {
  const tabIndex = tabbable ? 0 : -1;
  const stop = (fn: () => void) => (e: React.MouseEvent) => {
    e.stopPropagation();
    fn();
  };
  return (
    <span className="role-actions">
      <button
        type="button"
        className="small-button"
        tabIndex={tabIndex}
        onClick={stop(onAccessKeys)}
      >
        <KeyIcon />
        Access keys
      </button>
      <button
        type="button"
        className="icon-button"
        tabIndex={tabIndex}
        title={`Open the AWS console as ${roleName}`}
        onClick={stop(onConsole)}
      >
        <ExternalIcon />
        <span className="visually-hidden">Open console</span>
      </button>
      <button
        type="button"
        className={`icon-button star${favourite ? ' on' : ''}`}
        tabIndex={tabIndex}
        aria-pressed={favourite}
        title={favourite ? 'Remove from favourites' : 'Add to favourites'}
        onClick={stop(onFavourite)}
      >
        <StarIcon filled={favourite} />
        <span className="visually-hidden">Favourite</span>
      </button>
    </span>
  );
}
