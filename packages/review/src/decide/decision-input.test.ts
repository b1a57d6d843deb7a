import { ValidationError } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { parseDecisionInput } from './decision-input.ts';

const fields = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.field).sort();
    throw error;
  }
  return [];
};

describe('decision rules', () => {
  it('clears candidate, stance and category of a dismissal and needs only a reason', () => {
    const input = parseDecisionInput({
      decision: 'dismissed',
      label: '',
      candidate: 'pilbup-mesuji-2024#2',
      stance: 'pro',
      category: 'online_campaigning',
      reason: 'namesake',
    });
    expect(input).toMatchObject({
      label: 'neutral',
      candidate: null,
      stance: null,
      category: null,
      reason: 'namesake',
    });
  });

  it('names the reason when a dismissal has none, and the note when the reason is "other"', () => {
    expect(fields(() => parseDecisionInput({ decision: 'dismissed' }))).toEqual(['reason']);
    expect(fields(() => parseDecisionInput({ decision: 'dismissed', reason: 'other', note: ' ' }))).toEqual(['note']);
    expect(parseDecisionInput({ decision: 'dismissed', reason: 'other', note: 'akun parodi' }).note).toBe(
      'akun parodi',
    );
  });

  it('needs candidate, stance and category for a violation, each named', () => {
    expect(fields(() => parseDecisionInput({ decision: 'confirmed' }))).toEqual(['candidate', 'category', 'stance']);
    expect(
      fields(() => parseDecisionInput({ decision: 'confirmed', candidate: 'k#1', stance: 'pro', category: 'x' })),
    ).toEqual(['category']);
  });

  it('derives the label from the decision and refuses a contradicting one', () => {
    const confirmed = parseDecisionInput({
      decision: 'confirmed',
      candidate: 'k#1',
      stance: 'contra',
      category: 'negative_campaigning',
    });
    expect(confirmed.label).toBe('endorse');
    expect(confirmed.reason).toBeNull();
    expect(
      fields(() =>
        parseDecisionInput({
          decision: 'confirmed',
          label: 'neutral',
          candidate: 'k#1',
          stance: 'pro',
          category: 'photo_gesture',
        }),
      ),
    ).toEqual(['label']);
  });

  it('needs a note to escalate or ask for information', () => {
    expect(fields(() => parseDecisionInput({ decision: 'escalated' }))).toEqual(['note']);
    expect(parseDecisionInput({ decision: 'needs_info', note: 'minta tangkapan layar' }).label).toBe('neutral');
  });

  it('writes its messages in Indonesian first', () => {
    try {
      parseDecisionInput({ decision: 'dismissed' });
    } catch (error) {
      expect((error as ValidationError).issues[0]!.message).toMatch(/^Pilih alasan/);
    }
  });
});
