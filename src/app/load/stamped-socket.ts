import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** A frame as it reached the socket, and when: `performance.now()` of the thread that opened it. */
export interface StampedFrame {
  readonly at: number;
  readonly data: string;
}

/** Why a socket could not be opened: its error's message, or the HTTP status that refused the upgrade. */
export type OpenFailure = { readonly error: string } | { readonly status: number };

/**
 * The socket's thread: connects, stamps each frame with the monotonic clock the moment it is read,
 * and hands the frames over once per turn of its own event loop.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.ws);
const socket = new WebSocket(workerData.url, { perMessageDeflate: false, headers: workerData.headers });
let frames = [];
let scheduled = false;
socket.on('message', (data) => {
  const [s, ns] = process.hrtime();
  frames.push(s * 1e3 + ns / 1e6, data.toString());
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    parentPort.postMessage({ type: 'frames', frames });
    frames = [];
    scheduled = false;
  });
});
socket.once('open', () => parentPort.postMessage({ type: 'open' }));
socket.once('error', (error) => parentPort.postMessage({ type: 'failed', failure: { error: error.message } }));
socket.once('unexpected-response', (_request, response) =>
  parentPort.postMessage({ type: 'failed', failure: { status: response.statusCode } }),
);
`;

type WorkerMessage = { type: 'open' } | { type: 'failed'; failure: OpenFailure } | { type: 'frames'; frames: (number | string)[] };

/** The monotonic clock performance.now() reads, in milliseconds, as the socket's thread reads it. */
function hrtimeMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

/**
 * A WebSocket client on a thread of its own, whose frames carry the moment they arrived. The load
 * generator times deliveries and answers with it: on the generator's main thread a frame's time
 * was the moment that thread got round to it, after whatever it was doing (parsing a batch's
 * answer, building the next batch, a collection), and a report counted that wait as Catnap's.
 */
export class StampedSocket {
  onFrames: (frames: readonly StampedFrame[]) => void = () => undefined;

  private constructor(private readonly worker: Worker) {}

  /** Connects; rejects with `describe(failure)` when the socket cannot be opened. */
  static open(url: string, headers: Record<string, string>, describe: (failure: OpenFailure) => Error): Promise<StampedSocket> {
    const worker = new Worker(workerSource, { eval: true, workerData: { ws: require.resolve('ws'), url, headers } });
    const socket = new StampedSocket(worker);
    // Both clocks are the same monotonic clock: this is how far performance.now() is behind it.
    const offset = hrtimeMs() - performance.now();
    return new Promise((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'open') resolve(socket);
        else if (message.type === 'failed') {
          reject(describe(message.failure));
          void worker.terminate();
        } else {
          const frames: StampedFrame[] = [];
          for (let index = 0; index < message.frames.length; index += 2) {
            frames.push({ at: (message.frames[index] as number) - offset, data: message.frames[index + 1] as string });
          }
          socket.onFrames(frames);
        }
      });
      worker.once('error', (error) => reject(describe({ error: error.message })));
    });
  }

  /** Ends the thread, and the connection with it. */
  close(): void {
    void this.worker.terminate();
  }
}
