import { useCounterT } from '../../i18n/counter.js';

/**
 * The key map in one line under the counter, so a keeper without a mouse finds it on the
 * screen (the long form at 1280 px and up, a short one below: see global.css).
 */
export function KeyHint() {
  const ct = useCounterT();
  return (
    <div data-testid="key-hint" style={{ color: '#777', fontSize: 13, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
      <span className="key-hint-long">{ct('keys.hint')}</span>
      <span className="key-hint-short">{ct('keys.hintShort')}</span>
    </div>
  );
}
