import { isIP } from 'node:net';

/** Loopback and private-network peers: where a reverse proxy run by the operator connects from. */
function isLocalPeer(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(a) === 4) {
    const [x, y] = a.split('.').map(Number) as [number, number];
    return x === 127 || x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168);
  }
  return a === '::1' || /^f[cd][0-9a-f]{2}:/i.test(a);
}

/**
 * Fastify's `trustProxy` from Netra's setting. A list of addresses/CIDRs goes to Fastify as is. A hop
 * count N trusts the N nearest hops of X-Forwarded-For — but only when the connection itself comes from a
 * loopback or private address (the operator's proxy): a client reaching the API directly cannot pick its
 * own address by sending enough hops. `false` trusts nothing.
 */
export function fastifyTrustProxy(
  setting: false | number | string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (setting === false || setting === 0) return false;
  if (Array.isArray(setting)) return setting;
  let peerIsLocal = false;
  return (address, hop) => {
    if (hop === 0) peerIsLocal = isLocalPeer(address);
    return peerIsLocal && hop < setting;
  };
}
