import { useHardwareT } from '../i18n/hardware.js';
import { BoardPager } from './BoardPager.js';
import { pageSeconds } from './displayKey.js';
import { DisplayMessage } from './DisplayMessage.js';
import { usePublicBoard } from './usePublicBoard.js';

/**
 * The public board as a display (/board): runs on its display credential, so no idle
 * lock and no operator session; pages through every section on a timer.
 */
export function BoardDisplay() {
  const t = useHardwareT();
  const { view, error } = usePublicBoard(true);
  if (error && !view) return <DisplayMessage text={error.code === 'NOT_LOGGED_IN' ? t('display.lost') : error.message} />;
  if (!view) return null;
  return (
    <div style={{ position: 'relative' }}>
      <BoardPager view={view} pageSeconds={pageSeconds()} />
      <a
        href="/"
        style={{ position: 'fixed', right: 8, top: 4, color: 'rgba(255,255,255,0.35)', fontSize: 13, textDecoration: 'none' }}
        data-testid="board-exit"
      >
        {t('display.exit')}
      </a>
    </div>
  );
}
