/** A decorative emblem (red disc, gold star); the site name beside it carries the meaning. */
export function Emblem({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false" className="emblem">
      <circle cx="32" cy="32" r="30" fill="#c8102e" stroke="#ffd500" strokeWidth="3" />
      <polygon points="32,12 37.9,26.1 53,26.1 40.8,35.1 45.4,49.6 32,40.6 18.6,49.6 23.2,35.1 11,26.1 26.1,26.1" fill="#ffd500" />
    </svg>
  );
}
