import { type Registry, registrySchema } from '@netra/core';

/**
 * The two presidential races of the dated-post tests, invented and in no corpus: one person (Galih Pranata,
 * ballot number 2 both times) in two races five years apart, the older listed first — so an undated post goes
 * to 2029 and a post dated in early 2034 to 2034. Shared by the classifier's and the pipeline's dated tests.
 */
export const TWO_RACES_CONTESTS = [
  {
    id: 'pilpres-2029',
    kind: 'presiden',
    region: { code: '00', name: 'Indonesia' },
    electionDate: '2029-02-14',
    campaignPeriod: { from: '2028-11-28', to: '2029-02-10' },
    candidates: [
      { number: 1, names: ['Surya Atmaja', 'Lukas Waromi'] },
      { number: 2, names: ['Galih Pranata', 'Wulan Sari'] },
    ],
  },
  {
    id: 'pilpres-2034',
    kind: 'presiden',
    region: { code: '00', name: 'Indonesia' },
    electionDate: '2034-02-14',
    campaignPeriod: { from: '2033-11-28', to: '2034-02-10' },
    registrationPeriod: { from: '2033-10-19', to: '2033-10-25' },
    candidates: [
      { number: 1, names: ['Rahmat Hidayat', 'Nia Kurnia'] },
      { number: 2, names: ['Galih Pranata', 'Yudha Permana'] },
    ],
  },
] as const;

/** The two races alone, as a parsed registry. */
export const TWO_RACES_REGISTRY: Registry = registrySchema.parse({ contests: TWO_RACES_CONTESTS });
