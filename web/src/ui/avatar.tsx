import type { MouseEvent } from 'react';

const palette = ['#12b7f5', '#ff8a4c', '#6c8cff', '#2dc58b', '#f35f8c', '#a07cf0', '#f5b82e', '#3bb8b0'];

/**
 * A round avatar: Catnap has no QQ avatars, so each account gets its initial on a colour derived
 * from its number (stable across reloads); groups are squarer, as in QQ.
 */
export function Avatar(props: {
  id: number;
  name: string;
  size?: number;
  group?: boolean;
  bot?: boolean;
  onClick?: (event: MouseEvent) => void;
  onDoubleClick?: () => void;
  title?: string;
}) {
  const size = props.size ?? 36;
  const color = palette[Math.abs(props.id) % palette.length];
  const initial = [...(props.name.trim() || String(props.id))][0]?.toUpperCase() ?? '?';
  return (
    <span
      className={`avatar${props.group ? ' avatar-group' : ''}`}
      style={{ width: size, height: size, background: color, fontSize: size * 0.42 }}
      onClick={props.onClick}
      onDoubleClick={props.onDoubleClick}
      title={props.title ?? `${props.name} (${props.id})`}
      data-testid={`avatar-${props.id}`}
    >
      {initial}
      {props.bot && <span className="avatar-bot">bot</span>}
    </span>
  );
}
