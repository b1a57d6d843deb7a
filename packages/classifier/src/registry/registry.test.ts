import { readFileSync } from 'node:fs';
import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../normalise/tokenize.ts';
import { compileRegistry, contestsOf } from './compile-registry.ts';
import { editDistance } from './fuzzy.ts';
import { matchMentions } from './match-mentions.ts';

const registry: Registry = registrySchema.parse(
  JSON.parse(readFileSync(new URL('../../../../data/corpus/elections.json', import.meta.url), 'utf8')),
);
const reg = compileRegistry(registry);
const found = (text: string) =>
  matchMentions(reg, tokenize(text)).map((m) => `${m.kind}:${m.refs.join(',')}:${text.slice(m.start, m.end)}`);

describe('compileRegistry', () => {
  it('derives place words from the region name and from hashtags that end in the jargon', () => {
    expect(reg.byId.get('pilbup-tulangbawang-2024')!.places.has('tuba')).toBe(true);
    expect(reg.byId.get('pilbup-lampungtimur-2024')!.places.has('lamtim')).toBe(true);
  });
  it('gives a post the contests of its regency and province only', () => {
    expect(contestsOf(reg, '18.11.01').map((c) => c.id)).toEqual(['pilgub-lampung-2024', 'pilbup-mesuji-2024']);
    expect(contestsOf(reg, '61.11').map((c) => c.id)).toEqual(['pilbup-kayongutara-2024']);
  });
});

describe('matchMentions', () => {
  it('matches full names, aliases with honorifics written differently, and hashtags', () => {
    expect(found('Ibu Nurul hadir')).toEqual(['alias:pilbup-mesuji-2024#2:Ibu Nurul']);
    expect(found('Hendra Saputra')).toEqual(['name:pilgub-lampung-2024#1:Hendra Saputra']);
    expect(found('#RahmatYuli')).toEqual(['hashtag:pilgub-lampung-2024#2:#RahmatYuli']);
  });
  it('matches a name with one typo', () => {
    expect(found('pak Bambnag')).toEqual(['fuzzy:pilbup-mesuji-2024#2:Bambnag']);
    expect(editDistance('yusup', 'yusuf')).toBe(1);
  });
  it('does not fuzzy-match ordinary words to short names', () => {
    expect(found('dewa')).toEqual(['jargon:pilbup-lampungtimur-2024#2:dewa']);
  });
  it('finds a candidate name inside a free hashtag', () => {
    expect(found('#TrisMenang')).toEqual(['hashtag_part:pilbup-mesuji-2024#1:#TrisMenang']);
    expect(found('#PilkadaDamai')).toEqual([]);
    expect(found('#BambangMenang')).toEqual(['hashtag_part:pilbup-mesuji-2024#2:#BambangMenang']);
  });
  it('matches a whole slogan before its jargon word', () => {
    expect(found('Tuba Joss, Kerja Nyata')[0]).toBe('slogan:pilbup-tulangbawang-2024#2:Tuba Joss, Kerja Nyata');
  });
  it('matches the empty box by its names and aliases', () => {
    expect(found('kolom kosong aja')).toEqual(['alias:pilbup-pesisirbarat-2024#2:kolom kosong']);
  });
  it('matches candidates of a contest that only exists in the registry given at run time', () => {
    const runtime = compileRegistry({
      contests: [
        {
          id: 'pilwalkot-metro-2024',
          kind: 'walikota',
          region: { code: '18.72', name: 'Kota Metro' },
          electionDate: '2024-11-27',
          campaignPeriod: { from: '2024-09-25', to: '2024-11-23' },
          candidates: [
            {
              number: 1,
              names: ['Sigit Purnomo'],
              aliases: ['Mas Sigit'],
              jargon: ['SIP'],
              hashtags: ['#MetroSIP'],
              slogans: [],
              parties: [],
              officialAccounts: [],
              stage: 'calon',
            },
          ],
        },
      ],
    });
    const mentions = matchMentions(runtime, tokenize('mas sigit #MetroSIP'));
    expect(mentions.map((m) => m.refs[0])).toEqual(['pilwalkot-metro-2024#1', 'pilwalkot-metro-2024#1']);
    expect(runtime.byId.get('pilwalkot-metro-2024')!.places.has('metro')).toBe(true);
  });
});
