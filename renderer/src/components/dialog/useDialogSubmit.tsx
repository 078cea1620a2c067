/**
 * The one way a dialog sends its form to the core (issue 15, item 4): while it waits the
 * button spins; a refusal (`{ ok:false }`) keeps the dialog open with every field as typed
 * and shows the core's message, in the chosen language, inside the dialog, where the
 * user is looking (not on the page behind it); only a success hands the value on, and the
 * caller closes the dialog then.
 */
import { Alert } from 'antd';
import { useCallback, useState } from 'react';
import type { Result } from '../../../../db/contract/index.js';
import type { ErrorBody } from '../../../../db/contract/errors.js';
import { useI18n } from '../../i18n/index.js';
import { useOfficeT } from '../../i18n/office.js';

export interface DialogSubmit {
  busy: boolean;
  error: ErrorBody | null;
  setError: (e: ErrorBody | null) => void;
  /** Sends; on success runs `done` with the value and returns true; on a refusal shows it and returns false. */
  submit: <T>(send: () => Promise<Result<T>>, done?: (value: T) => void) => Promise<boolean>;
}

export function useDialogSubmit(): DialogSubmit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const submit = useCallback(async <T,>(send: () => Promise<Result<T>>, done?: (value: T) => void): Promise<boolean> => {
    setBusy(true);
    try {
      const r = await send();
      if (!r.ok) {
        setError(r.error);
        return false;
      }
      setError(null);
      done?.(r.value);
      return true;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, submit };
}

/** The refusal inside the dialog, with the reassurance that nothing typed was lost. */
export function DialogError({ error, testId = 'dialog-error' }: { error: ErrorBody | null; testId?: string }) {
  const { errorText } = useI18n();
  const ot = useOfficeT();
  if (!error) return null;
  return (
    <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={errorText(error)} description={ot('dialog.keepTyped')} data-testid={testId} />
  );
}
