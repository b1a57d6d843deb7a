import { connect, createServer, type Server, type Socket } from 'node:net';

export interface PostgresRelay {
  /** The relay's port on 127.0.0.1. */
  port: number;
  /** Cut (true) or restore (false) the way to PostgreSQL. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay to the test PostgreSQL that can be cut: while `down`, every connection (new or open)
 * is closed at once, as when the server is unreachable or restarting.
 */
export async function startRelay(target: URL): Promise<PostgresRelay> {
  let down = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(Number(target.port || 5432), target.hostname);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    setDown(value) {
      down = value;
      if (value) for (const socket of open) socket.destroy();
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `url` with its host and port replaced by the relay's. */
export function relayedUrl(url: string, relay: PostgresRelay): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(relay.port);
  return u.toString();
}
