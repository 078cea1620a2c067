import { isOwnUrl } from './origin.js';

/**
 * Which browser permissions the page gets. Everything is refused (no location, no
 * notifications, no USB/HID/serial devices, no screen capture, no clipboard reading)
 * except the camera, video only, for our own page's main frame: the counter can read a
 * household card's QR code with a webcam.
 */
export interface PermissionFacts {
  permission: string;
  /** The requesting page's URL (details.requestingUrl) or origin. */
  requestingUrl: string;
  isMainFrame: boolean;
  /** For 'media': what is asked for; a check handler knows one type at a time. */
  mediaTypes: readonly string[];
}

export function permissionAllowed(f: PermissionFacts): boolean {
  if (f.permission !== 'media') return false;
  if (!f.isMainFrame || !isOwnUrl(f.requestingUrl)) return false;
  return f.mediaTypes.length > 0 && f.mediaTypes.every((t) => t === 'video');
}

/** USB, HID and serial devices are never handed to the page (printers are the main process's). */
export function devicePermissionAllowed(_details: { deviceType: string; origin: string }): boolean {
  return false;
}
