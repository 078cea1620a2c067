/**
 * A QR code drawn from its modules as one SVG path, with the standard 4-module quiet zone
 * so phones and counter scanners read it on screen and on paper alike.
 */
export function QrSvg({ modules, size, title }: { modules: readonly string[]; size: string; title?: string }) {
  const n = modules.length;
  const quiet = 4;
  const view = n + 2 * quiet;
  let path = '';
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  });
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${view} ${view}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      role="img"
      aria-label={title}
      data-testid="qr"
      style={{ display: 'block' }}
    >
      {title && <title>{title}</title>}
      <rect width={view} height={view} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
