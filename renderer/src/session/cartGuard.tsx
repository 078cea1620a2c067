/**
 * Goods in the counter's cart are never dropped without asking: the counter reports how
 * many pieces it holds, and the shell asks before logging out, locking by hand or
 * switching operator. (The idle lock keeps the cart, as it always did, without asking.)
 */
import { App } from 'antd';
import { useCallback } from 'react';
import { useCounterT } from '../i18n/counter.js';

let piecesInCart = 0;

/** Called by the counter page whenever its cart changes. */
export function reportCartPieces(pieces: number): void {
  piecesInCart = pieces;
}

export type LeaveKind = 'logout' | 'switch' | 'lock';

/** `guard(kind, proceed)`: runs `proceed` at once with an empty cart, else after the keeper confirms. */
export function useLeaveGuard(operatorName: string): (kind: LeaveKind, proceed: () => void) => void {
  const { modal } = App.useApp();
  const ct = useCounterT();
  return useCallback(
    (kind, proceed) => {
      if (piecesInCart === 0) return proceed();
      const action = ct(`leave.${kind}`);
      void modal.confirm({
        title: ct('leave.logoutTitle'),
        content: (
          <span data-testid="leave-confirm-body">
            {kind === 'lock' ? ct('leave.bodyLock', { count: piecesInCart, name: operatorName }) : ct('leave.body', { count: piecesInCart, action })}
          </span>
        ),
        okText: action,
        cancelText: ct('leave.cancel'),
        okButtonProps: { danger: kind !== 'lock', 'data-testid': 'leave-confirm-ok' },
        cancelButtonProps: { 'data-testid': 'leave-confirm-cancel' },
        autoFocusButton: 'cancel',
        onOk: proceed,
      });
    },
    [modal, ct, operatorName],
  );
}
