import type { FastifyInstance } from 'fastify';
import { PortInUseError } from './adapter.js';

/**
 * Starts a Fastify app on host:port, turning "address in use" into a message that says who
 * wanted the port. Returns the port actually bound (useful with port 0 in tests).
 */
export async function listenOn(app: FastifyInstance, host: string, port: number, who: string): Promise<number> {
  try {
    await app.listen({ host: host === '0.0.0.0' || host === '' ? '0.0.0.0' : host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new PortInUseError(`port ${port} on ${host} is already in use (wanted by ${who})`);
    if (code === 'EADDRNOTAVAIL') throw new PortInUseError(`address ${host} is not available on this machine (wanted by ${who})`);
    if (code === 'EACCES') throw new PortInUseError(`no permission to listen on port ${port} (wanted by ${who})`);
    throw error;
  }
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : port;
}
