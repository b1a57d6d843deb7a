import { BlockList, isIP } from 'node:net';

/**
 * Which client addresses may read `/metrics` (`METRICS_ALLOW`): addresses and CIDR ranges, comma-separated,
 * and the word `loopback` (127.0.0.0/8 and ::1). The socket's own peer address is checked, never
 * X-Forwarded-For: a request that came through the Ingress arrives from the proxy, not from loopback.
 */
export class AddressAllowList {
  readonly #list = new BlockList();
  readonly entries: readonly string[];

  constructor(entries: readonly string[]) {
    this.entries = entries;
    for (const entry of entries) {
      if (entry === 'loopback') {
        this.#list.addSubnet('127.0.0.0', 8, 'ipv4');
        this.#list.addAddress('::1', 'ipv6');
        continue;
      }
      const [address = '', bits] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.#list.addAddress(address, family);
      else this.#list.addSubnet(address, Number(bits), family);
    }
  }

  allows(address: string | undefined): boolean {
    if (!address) return false;
    // An IPv4 client of a dual-stack listener shows as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return this.#list.check(mapped[1]!, 'ipv4');
    return this.#list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
}

/** Why an entry of `METRICS_ALLOW` is not valid, or null when it is. */
export function allowEntryProblem(entry: string): string | null {
  if (entry === 'loopback') return null;
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (extra !== undefined || family === 0) return `"${entry}" bukan alamat IP atau CIDR / is not an IP address or CIDR`;
  if (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)))
    return `"${entry}": panjang prefiks salah / wrong prefix length`;
  return null;
}
