/** A whole-screen message on a display (a credential that no longer works). */
export function DisplayMessage({ text }: { text: string }) {
  return (
    <div
      style={{ height: '100vh', display: 'grid', placeItems: 'center', padding: 40, fontSize: 36, textAlign: 'center', background: '#263238', color: '#fff' }}
      data-testid="display-message"
    >
      {text}
    </div>
  );
}
