import type { Regime } from '../clock/legal-clock.ts';
import { type SkbBehaviour, skbRow } from './skb-matrix.ts';
import type { ElectionStage, TargetStatus } from './stages.ts';

export type Track = 'kode_etik' | 'disiplin_sedang' | 'disiplin_berat' | 'ptdh' | 'pidana' | 'satgas';

export const TRACK_LABELS: Record<Track, string> = {
  kode_etik: 'Kode etik — sanksi moral (PP 42/2004 Pasal 15)',
  disiplin_sedang: 'Disiplin sedang (PP 94/2021)',
  disiplin_berat: 'Disiplin berat (PP 94/2021)',
  ptdh: 'Pemberhentian tidak dengan hormat (UU 20/2023 Pasal 52)',
  pidana: 'Dugaan tindak pidana pemilihan (Sentra Gakkumdu)',
  satgas: 'Diputuskan Satgas Netralitas',
};

export interface TrackSuggestion {
  track: Track;
  /** Other tracks the analyst should consider. */
  alsoConsider: Track[];
  /** Why, in Indonesian, for the case page. */
  reasons: string[];
}

/**
 * The SKB matrix's suggestion for a behaviour given the target's status at the time of the act: toward a
 * bakal calon the kode-etik row (sanksi moral), toward a calon the disiplin row and its level, membership
 * of a party PTDH. During the campaign and quiet period some acts may also be election crimes. Only a
 * suggestion: the analyst chooses the track, the system never decides it.
 */
export function suggestTrack(input: {
  behaviour: SkbBehaviour;
  targetStatus: TargetStatus;
  stage: ElectionStage;
  regime: Regime;
}): TrackSuggestion {
  const row = skbRow(input.behaviour);
  if (!row) throw new Error(`unknown SKB behaviour ${input.behaviour}`);
  const reasons: string[] = [];
  const also: Track[] = [];
  let track: Track;
  if (row.disiplinLevel === 'ptdh') {
    track = 'ptdh';
    reasons.push('Keanggotaan/kepengurusan partai politik: PTDH (UU 20/2023 Pasal 52 ayat (3) huruf j).');
  } else if (input.targetStatus === 'bakal_calon' && row.etikRow !== null) {
    track = 'kode_etik';
    reasons.push(
      `Sasaran berstatus bakal calon saat perbuatan: baris kode etik SKB nomor ${row.etikRow} (sanksi moral).`,
    );
    also.push(row.disiplinLevel === 'sedang' ? 'disiplin_sedang' : 'disiplin_berat');
    if (input.regime === 'pilkada') {
      reasons.push('Pilkada: sebelum penetapan pasangan calon Bawaslu meneruskan ke BKN, tidak memproses sendiri.');
    }
  } else if (row.disiplinLevel === 'satgas') {
    track = 'satgas';
    reasons.push('Perilaku tidak tercantum dalam matriks: diputuskan Satgas Netralitas.');
  } else {
    track = row.disiplinLevel === 'sedang' ? 'disiplin_sedang' : 'disiplin_berat';
    reasons.push(
      input.targetStatus === 'calon'
        ? `Sasaran berstatus calon saat perbuatan: baris disiplin SKB nomor ${row.disiplinRow} (${row.disiplinLevel}).`
        : `Perilaku tanpa baris kode etik: baris disiplin SKB nomor ${row.disiplinRow} (${row.disiplinLevel}).`,
    );
  }
  if (row.criminalInCampaign && (input.stage === 'kampanye' || input.stage === 'masa_tenang')) {
    also.push('pidana');
    reasons.push('Pada masa kampanye/masa tenang perbuatan ini dapat juga merupakan tindak pidana pemilihan.');
  }
  return { track, alsoConsider: also, reasons };
}

export const TRACKS = Object.keys(TRACK_LABELS) as [Track, ...Track[]];
