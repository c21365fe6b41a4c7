/**
 * What a test runner started and must not leave behind when it is killed: bots (each leads a
 * process group of its own, so CI cancelling a job with SIGTERM, or Ctrl-C sending SIGINT to the
 * foreground group only, would not reach them) and the Catnap it started in this process with a
 * temporary data folder (a signal ends the process before `stop()` could remove it).
 */
const pending = new Set<() => Promise<void>>();
const stopSignals = ['SIGTERM', 'SIGINT'] as const;

/**
 * Stops everything pending, then lets the signal end the process as it would have: a listener of
 * its own (a runner with its own shutdown, such as `catnap test --serve`) decides instead.
 * SIGKILL cannot be caught.
 */
function onStopSignal(signal: NodeJS.Signals): void {
  // Counted now, while a `once` listener of the runner's is still there to be counted.
  const ownShutdown = process.listenerCount(signal) > 1;
  // A second signal while they stop ends the process at once, as it would without us.
  for (const name of stopSignals) process.off(name, onStopSignal);
  const endBySignal = () => {
    if (!ownShutdown && process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  // The runner may end first, failing on the bot it saw stop (one still connecting): it still
  // ends by the signal, not with that failure's exit code.
  process.once('exit', endBySignal);
  void Promise.allSettled([...pending].map((stop) => stop())).then(endBySignal);
}

/**
 * Has `stop` run if the process gets SIGTERM or SIGINT before the returned function is called
 * (by `stop` itself, as it finishes). With nothing pending, the process ends on these signals
 * exactly as it did before.
 */
export function stopOnSignal(stop: () => Promise<void>): () => void {
  pending.add(stop);
  if (pending.size === 1) for (const name of stopSignals) process.on(name, onStopSignal);
  return () => {
    if (pending.delete(stop) && pending.size === 0) for (const name of stopSignals) process.off(name, onStopSignal);
  };
}
