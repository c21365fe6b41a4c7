import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { PortInUseError } from './adapter.js';

/**
 * Starts a Fastify app on host:port, turning "address in use" into a message that says who
 * wanted the port. Returns the port actually bound (useful with port 0 in tests).
 */
export async function listenOn(app: FastifyInstance, host: string, port: number, who: string): Promise<number> {
  try {
    await app.listen({ host: bindHost(host), port });
  } catch (error) {
    throw describeListenError(error, host, port, who);
  }
  return boundPort(app.server, port);
}

/** The same for a plain Node HTTP server (the WebSocket server adapter). */
export async function listenServer(server: Server, host: string, port: number, who: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(describeListenError(error, host, port, who));
    server.once('error', onError);
    server.listen({ host: bindHost(host), port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  return boundPort(server, port);
}

/** NapCat turns "0.0.0.0" (and "") into every interface. */
function bindHost(host: string): string {
  return host === '0.0.0.0' || host === '' ? '0.0.0.0' : host;
}

function boundPort(server: Server, port: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

function describeListenError(error: unknown, host: string, port: number, who: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new PortInUseError(`port ${port} on ${host} is already in use (wanted by ${who})`);
  if (code === 'EADDRNOTAVAIL') return new PortInUseError(`address ${host} is not available on this machine (wanted by ${who})`);
  if (code === 'EACCES') return new PortInUseError(`no permission to listen on port ${port} (wanted by ${who})`);
  return error;
}
