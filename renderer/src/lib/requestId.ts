/**
 * A client-made id for one write. The core keeps it UNIQUE, so sending the same id twice
 * (double click, scanner's double Enter, retry after a timeout) returns the first result
 * instead of charging twice. Matches the contract's /^[A-Za-z0-9_-]{8,64}$/.
 */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replaceAll('-', '');
  // randomUUID needs a secure context; 127.0.0.1 and file:// are, but a LAN address is not.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
