/**
 * The console's icons, drawn here as 24×24 line paths: no icon font or emoji font is needed, so
 * they look the same on a machine without either (a headless browser on a server shows emoji as
 * empty boxes). QQ's faces in messages are content, not icons, and stay emoji (see faces.ts).
 */
const paths = {
  // Navigation rail.
  chat: 'M4 5h16v11H8l-4 4z',
  world: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  bots: 'M6 8h12v11H6zM12 4v4M9 13h.01M15 13h.01M9 16h6M3 12h3M18 12h3',
  playground: 'M9 3h6M10 3v6l-5 10h14l-5-10V3M7 15h10',
  // A gauge: the needle near the top of its range.
  load: 'M4 17a8 8 0 1 1 16 0M12 17l4-6M8 17h.01M16 17h.01',
  // A line of entries with a marked one.
  timeline: 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 18h.01M3 10l2 2-2 2',
  logout: 'M12 3v8M6.3 6.3a8 8 0 1 0 11.4 0',
  // Actions.
  close: 'M6 6l12 12M18 6L6 18',
  smile: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M8 14c1 1.5 2.3 2.2 4 2.2s3-.7 4-2.2M9 9.5h.01M15 9.5h.01',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15.5 9h.01',
  folder: 'M3 6h6l2 2h10v11H3z',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  reply: 'M9 7l-5 5 5 5M4 12h10a6 6 0 0 1 6 6',
  recall: 'M4 4v5h5M5.1 9a8 8 0 1 1-.6 5',
  copy: 'M8 8h12v12H8zM4 16V4h12',
  pause: 'M8 5v14M16 5v14',
  play: 'M7 5l12 7-12 7z',
  muted: 'M4 9h4l5-4v14l-5-4H4zM16 9l5 6M21 9l-5 6',
  poke: 'M8 11V5a1.5 1.5 0 0 1 3 0v5M11 10V4a1.5 1.5 0 0 1 3 0v6M14 10V6a1.5 1.5 0 0 1 3 0v7a6 6 0 0 1-6 6h-1a6 6 0 0 1-5-3l-2-4a1.5 1.5 0 0 1 2.6-1.5L8 12',
  members: 'M9 11a3 3 0 1 0 0-6a3 3 0 1 0 0 6M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 5.5a3 3 0 0 1 0 5.5M18 14c2 .8 3 3 3 6',
  // Message cards.
  dice: 'M4 4h16v16H4zM8.5 8.5h.01M15.5 15.5h.01M12 12h.01M15.5 8.5h.01M8.5 15.5h.01',
  hand: 'M7 11V6a1.5 1.5 0 0 1 3 0v4M10 10V4.5a1.5 1.5 0 0 1 3 0V10M13 10V5.5a1.5 1.5 0 0 1 3 0V11M16 10.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-.5a6 6 0 0 1-5.2-3L4 14a1.5 1.5 0 0 1 2.6-1.5L7 13',
  music: 'M9 18V5l11-2v13M9 18a3 3 0 1 1-6 0a3 3 0 1 1 6 0M20 16a3 3 0 1 1-6 0a3 3 0 1 1 6 0',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  location: 'M12 21s-7-6.5-7-12a7 7 0 0 1 14 0c0 5.5-7 12-7 12zM12 7a2 2 0 1 0 0 4a2 2 0 1 0 0-4',
  contact: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8',
  records: 'M5 4h11v16H5zM8 8h5M8 12h5M8 16h3M16 7h3v13H9',
  card: 'M3 7h18v12H3zM3 7l2-3h6l2 3M7 12h10M7 15h6',
  // Catnap itself.
  cat: 'M5 4l3 4h8l3-4v9a7 7 0 0 1-14 0zM9.5 12h.01M14.5 12h.01M10.5 15.5h3',
} as const;

export type IconName = keyof typeof paths;

/** An icon in the current text colour; `inline` sets it on the text's baseline (in a sentence or a label). */
export function Icon(props: { name: IconName; size?: number; inline?: boolean; title?: string }) {
  const size = props.size ?? (props.inline ? 16 : 24);
  return (
    <svg
      className={props.inline ? 'icon icon-inline' : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      role={props.title ? 'img' : undefined}
      aria-label={props.title}
      aria-hidden={props.title ? undefined : true}
      data-icon={props.name}
    >
      {props.title && <title>{props.title}</title>}
      <path d={paths[props.name]} />
    </svg>
  );
}
