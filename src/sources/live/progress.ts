/**
 * What live mode shows while it works: a spinner naming the current step (an
 * explanation) or a bar (a capture), on standard error and only when it is a
 * terminal. Standard output carries only the result.
 */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 80;

export interface Progress {
  /** The current step, e.g. "iam:GetUser". */
  step(label: string): void;
  /** Work done out of work known so far (a capture's reads). */
  count(done: number, total: number): void;
  /** Clear the line. */
  stop(): void;
}

export const NO_PROGRESS: Progress = { step: () => undefined, count: () => undefined, stop: () => undefined };

/** Printable text only: names of AWS operations are ours, but a step may carry a resource name. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

export function terminalProgress(write: (text: string) => void, isTTY: boolean, mode: 'spinner' | 'bar', columns = 80): Progress {
  if (!isTTY) return NO_PROGRESS;
  let frame = 0;
  let label = 'starting';
  let done = 0;
  let total = 0;
  let shown = false;
  const width = Math.max(20, columns - 1);
  const draw = (): void => {
    const text =
      mode === 'bar' && total > 0
        ? `${bar(done, total)} ${done}/${total} reads — ${label}`
        : `${FRAMES[frame % FRAMES.length]} reading AWS: ${label}`;
    write(`\r\u001b[2K${printable(text).slice(0, width)}`);
    shown = true;
  };
  const timer = setInterval(() => {
    frame++;
    draw();
  }, INTERVAL_MS);
  timer.unref();
  return {
    step(next) {
      label = next;
    },
    count(nextDone, nextTotal) {
      done = nextDone;
      total = nextTotal;
    },
    stop() {
      clearInterval(timer);
      if (shown) write('\r\u001b[2K');
    },
  };
}

function bar(done: number, total: number): string {
  const cells = 20;
  const filled = Math.min(cells, Math.round((done / Math.max(total, 1)) * cells));
  return `[${'#'.repeat(filled)}${'-'.repeat(cells - filled)}]`;
}
