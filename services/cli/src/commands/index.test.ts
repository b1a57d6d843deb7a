import { describe, expect, it } from 'vitest';
import { commands } from './index.ts';

describe('the command list', () => {
  it('names each command by the path its module declares, once', async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.path).toEqual(entry.path);
    }
    const keys = commands.map((c) => c.path.join(' '));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
