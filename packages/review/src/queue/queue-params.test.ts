import { describe, expect, it } from 'vitest';
import { parseQueueQueryString, parseSearch, queueQueryString, toQueueFilter } from './queue-params.ts';

describe('queue parameters', () => {
  it('reads the search box as a NIP, a handle, a hashtag or words', () => {
    expect(parseSearch('19850103 201001 2 001')).toEqual({ kind: 'nip', value: '198501032010012001' });
    expect(parseSearch('19850103')).toEqual({ kind: 'nip', value: '19850103' });
    expect(parseSearch('@siti.aminah')).toEqual({ kind: 'handle', value: 'siti.aminah' });
    expect(parseSearch('#MesujiBersinar')).toEqual({ kind: 'hashtag', value: 'MesujiBersinar' });
    expect(parseSearch('coblos nomor 2')).toEqual({ kind: 'text', value: 'coblos nomor 2' });
    expect(parseSearch('2024')).toEqual({ kind: 'text', value: '2024' });
  });

  it('round-trips the filters through the URL and drops what is not a filter', () => {
    const qs = queueQueryString({ status: 'open', platform: 'x', q: '#tag', sort: 'posted', dir: 'asc', offset: 50 });
    expect(qs).toBe('status=open&platform=x&q=%23tag&sort=posted&dir=asc');
    expect(parseQueueQueryString(`${qs}&_csrf=zz&evil=1`)).toMatchObject({
      status: 'open',
      platform: 'x',
      q: '#tag',
      sort: 'posted',
      dir: 'asc',
    });
    expect(parseQueueQueryString('status=nonsense')).toEqual({});
  });

  it('turns "my queue" into the signed-in user', () => {
    expect(toQueueFilter({ assigned: 'me' }, 'u-1').assignedTo).toBe('u-1');
  });
});
