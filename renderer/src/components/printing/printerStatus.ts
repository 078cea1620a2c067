/**
 * One shared, polled view of the printer for the whole window: the header chip and every
 * open receipt read the same snapshot, so the core is asked once every few seconds, not
 * once per component. Polling runs only while something is subscribed, the shell is
 * unlocked (a locked counter has no session: asking then would log the keeper out) and
 * the window is visible.
 */
import { useSyncExternalStore } from 'react';
import type { PrinterStatusView } from '../../../../db/contract/printing.js';
import { call, hasSession } from '../../api/client.js';

const POLL_MS = 4000;

let status: PrinterStatusView | null = null;
let enabled = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight = false;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

function canAsk(): boolean {
  return enabled && hasSession() && listeners.size > 0 && document.visibilityState !== 'hidden';
}

function schedule(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (!canAsk()) return;
  timer = setTimeout(() => void refreshPrinterStatus(), POLL_MS);
}

/** Asks the core now (after printing, saving settings, retrying) and restarts the clock. */
export async function refreshPrinterStatus(): Promise<void> {
  if (!canAsk() || inFlight) {
    schedule();
    return;
  }
  inFlight = true;
  try {
    const r = await call('printer.status', {});
    if (r.ok) {
      status = r.value;
      emit();
    }
  } finally {
    inFlight = false;
    schedule();
  }
}

/** Asks the core to try the printer in the background, then reads the result. */
export async function probePrinter(): Promise<void> {
  if (!canAsk()) return;
  await call('printer.probe', {});
  // A network probe takes up to the connect timeout; look twice.
  setTimeout(() => void refreshPrinterStatus(), 600);
  setTimeout(() => void refreshPrinterStatus(), 3500);
}

/** The shell turns polling on while it is shown and unlocked. */
export function setPrinterPolling(on: boolean): void {
  if (enabled === on) return;
  enabled = on;
  if (on) void refreshPrinterStatus();
  else schedule();
}

/** Whether background asks are allowed now (receipt screens poll their own jobs with it). */
export function printerPollingAllowed(): boolean {
  return canAsk();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) void refreshPrinterStatus();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) schedule();
  };
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refreshPrinterStatus();
  });
}

/** The printer's state, or null until the first answer. */
export function usePrinterStatus(): PrinterStatusView | null {
  return useSyncExternalStore(subscribe, () => status);
}
