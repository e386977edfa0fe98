import type { ProgressReporter } from '../pipeline/progress.js';

/** When this process (or the `dateline` process that started it) started, epoch ms. */
export function processStart(): number {
  const passed = Number(process.env.DATELINE_STARTED);
  return Number.isFinite(passed) && passed > 0 ? passed : performance.timeOrigin;
}

/** Seconds since the user started the command, for summary lines (`in 11.9 s`). */
export function wallSeconds(): string {
  return ((Date.now() - processStart()) / 1000).toFixed(1);
}

/** True when progress may be drawn on standard error (a terminal, also when run as the build's child). */
export function stderrIsTerminal(): boolean {
  return process.stderr.isTTY === true || process.env.DATELINE_PROGRESS === 'tty';
}

/**
 * Progress as a person sees it. On a terminal, a step that runs longer than a second gets one
 * line, redrawn in place (`photos 12/16  8.3 s`) and cleared when the step ends. Under GitHub
 * Actions each step is a collapsible `::group::` section ending with its count and time.
 * Anywhere else (CI logs, pipes) nothing is written.
 */
export function createProgress(stream: NodeJS.WritableStream = process.stderr, env: NodeJS.ProcessEnv = process.env): ProgressReporter | undefined {
  if (stderrIsTerminal()) return new TerminalProgress(stream, Number(env.DATELINE_PROGRESS_AFTER_MS ?? 1000));
  if (env.GITHUB_ACTIONS === 'true') return new GroupProgress(stream);
  return undefined;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

class TerminalProgress implements ProgressReporter {
  private name = '';
  private started = 0;
  private done = 0;
  private total = 0;
  private shown = false;
  private lastDraw = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly afterMs: number,
  ) {}

  stage(name: string): void {
    this.name = name;
    this.started = performance.now();
    this.done = this.total = 0;
    this.shown = false;
    // Redrawn a few times a second once the step has run past the threshold (the clock moves too).
    this.timer = setInterval(() => this.draw(), Math.max(50, Math.min(250, this.afterMs || 250)));
    this.timer.unref();
    if (this.afterMs <= 0) this.draw();
  }

  items(done: number, total: number): void {
    this.done = done;
    this.total = total;
    // Thousands of items may finish in a second: the line is redrawn at most ten times a second.
    if (done === total || performance.now() - this.lastDraw > 100) this.draw();
  }

  stageEnd(): void {
    clearInterval(this.timer);
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }

  private draw(): void {
    const elapsed = performance.now() - this.started;
    if (elapsed < this.afterMs) return;
    const count = this.total ? ` ${this.done}/${this.total}` : '';
    this.stream.write(`\r\x1b[2K${this.name}${count}  ${seconds(elapsed)}`);
    this.shown = true;
    this.lastDraw = performance.now();
  }
}

class GroupProgress implements ProgressReporter {
  private done = 0;
  private total = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  stage(name: string): void {
    this.done = this.total = 0;
    this.stream.write(`::group::${name}\n`);
  }

  items(done: number, total: number): void {
    this.done = done;
    this.total = total;
  }

  stageEnd(name: string, ms: number): void {
    const count = this.total ? ` ${this.done}/${this.total}` : '';
    this.stream.write(`${name}${count} in ${seconds(ms)}\n::endgroup::\n`);
  }
}
