import type { CSSProperties } from 'react';

/** Inline styles so a document looks the same in its on-screen preview and on paper. */
export const doc = {
  root: { fontSize: 14, color: '#000', background: '#fff' } satisfies CSSProperties,
  title: { fontSize: 22, textAlign: 'center', margin: '0 0 8px' } satisfies CSSProperties,
  meta: { display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12, marginBottom: 8 } satisfies CSSProperties,
  table: { width: '100%', borderCollapse: 'collapse' } satisfies CSSProperties,
  th: { border: '1px solid #333', padding: '4px 6px', textAlign: 'left', background: '#fafafa', whiteSpace: 'nowrap' } satisfies CSSProperties,
  td: { border: '1px solid #333', padding: '4px 6px' } satisfies CSSProperties,
  num: { border: '1px solid #333', padding: '4px 6px', textAlign: 'right', whiteSpace: 'nowrap' } satisfies CSSProperties,
  sign: { marginTop: 28 } satisfies CSSProperties,
};
