/**
 * Options every renderer takes. Renderers are pure functions of an
 * explanation and these options: they never evaluate anything.
 * CAUTION: publicly exported.
 */
export interface RenderOptions {
  /** Emit ANSI colour codes. The CLI decides (TTY, NO_COLOR, --color); renderers only obey. */
  color: boolean;
  /** Maximum line width in columns; 80 when not given. */
  width?: number;
}

export const DEFAULT_WIDTH = 80;

/** Narrower than this, wrapping produces more noise than help; long values are broken anyway. */
const MIN_WIDTH = 40;

export function lineWidth(options: RenderOptions): number {
  const width = options.width ?? DEFAULT_WIDTH;
  return Number.isFinite(width) ? Math.max(MIN_WIDTH, Math.floor(width)) : DEFAULT_WIDTH;
}
