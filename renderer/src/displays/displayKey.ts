/** The display credential from the address's fragment (#key=…), and the page-turn time (?every=N seconds). */
export function displayKey(): string | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const key = params.get('key');
  return key && /^d\.[A-Za-z0-9_-]{20,64}$/.test(key) ? key : null;
}

export function pageSeconds(): number {
  const n = Number(new URLSearchParams(window.location.search).get('every'));
  return Number.isInteger(n) && n >= 1 && n <= 600 ? n : 15;
}
