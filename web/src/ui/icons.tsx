/** Line icons for the navigation rail (drawn here, so no icon font or emoji font is needed). */
const paths: Record<string, string> = {
  chat: 'M4 5h16v11H8l-4 4z',
  world: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  bots: 'M6 8h12v11H6zM12 4v4M9 13h.01M15 13h.01M9 16h6M3 12h3M18 12h3',
  playground: 'M9 3h6M10 3v6l-5 10h14l-5-10V3M7 15h10',
  logout: 'M12 3v8M6.3 6.3a8 8 0 1 0 11.4 0',
};

export function Icon(props: { name: keyof typeof paths | string; size?: number }) {
  const size = props.size ?? 24;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={paths[props.name] ?? ''} />
    </svg>
  );
}
