import { z } from 'zod';
import { type IndonesianZone, ZONE_OFFSET_HOURS } from './indonesian-zone.ts';

/**
 * An instant a user types (a case's date found or registered, a tip's posting time), read the same on every
 * server. `new Date(text)` — what these fields used before — reads a time without an offset in the server
 * process's own time zone (UTC in a container: "09:00" became 16:00 WIB), rolls 30 February over to 1 March,
 * and takes any year up to 275760, after which the legal clock's deadlines are invalid dates and every page
 * that lists the case answered 500.
 */
export interface InstantInputOptions {
  /** The zone of a time written without an offset (a browser's `datetime-local`); absent: such a time is refused. */
  zone?: IndonesianZone | undefined;
  /** The present: nothing later (past a few minutes of clock skew) is accepted. */
  now: Date;
}

export type InstantInputCode = 'INSTANT_INVALID' | 'INSTANT_ZONE_MISSING' | 'INSTANT_OUT_OF_RANGE';

export type InstantInputResult = { ok: true; at: Date } | { ok: false; code: InstantInputCode; message: string };

/** Nothing Netra records happened before this: an earlier year is a typo (`0224`, `1024`). */
export const EARLIEST_INSTANT = new Date('2000-01-01T00:00:00Z');
/** Clocks of the analyst's device and the server differ a little; more than this ahead is a typo, not skew. */
export const INSTANT_FUTURE_LEEWAY_MS = 10 * 60_000;

const FORMAT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2}|WIB|WITA|WIT)?$/i;

const EXAMPLE = 'mis. 2024-10-02T09:00+07:00 (WIB), +08:00 (WITA), +09:00 (WIT)';

const fail = (code: InstantInputCode, message: string): InstantInputResult => ({ ok: false, code, message });

function offsetMinutes(zone: string): number {
  const upper = zone.toUpperCase();
  if (upper === 'Z') return 0;
  if (upper === 'WIB' || upper === 'WITA' || upper === 'WIT') return ZONE_OFFSET_HOURS[upper] * 60;
  const digits = upper.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

/** ISO 8601 with `Z`, an offset or WIB/WITA/WIT; without one only when `options.zone` says where it was typed. */
export function parseInstantInput(text: string, options: InstantInputOptions): InstantInputResult {
  const match = FORMAT.exec(text.trim());
  if (!match) {
    return fail(
      'INSTANT_INVALID',
      `tanggal/waktu harus YYYY-MM-DDTHH:MM dengan zona, ${EXAMPLE} / not an ISO 8601 time`,
    );
  }
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return fail('INSTANT_INVALID', `tanggal/waktu ${text.trim()} tidak ada di kalender / no such date or time`);
  }
  const offset = zone ? offsetMinutes(zone) : options.zone ? ZONE_OFFSET_HOURS[options.zone] * 60 : undefined;
  if (offset === undefined) {
    return fail('INSTANT_ZONE_MISSING', `sertakan zona waktu, ${EXAMPLE} / add the time zone`);
  }
  if (Math.abs(offset) > 14 * 60 || offset % 15 !== 0) {
    return fail('INSTANT_INVALID', `zona waktu ${zone} tidak ada / no such UTC offset`);
  }
  const millis = Number((frac ?? '').padEnd(3, '0').slice(0, 3));
  // Date.UTC maps years 0–99 to 1900–1999; the year check below refuses those anyway.
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000);
  if (at < EARLIEST_INSTANT || at.getTime() > options.now.getTime() + INSTANT_FUTURE_LEEWAY_MS) {
    return fail(
      'INSTANT_OUT_OF_RANGE',
      `tanggal/waktu harus antara 2000-01-01 dan sekarang, bukan ${text.trim()} / must be between 2000 and now`,
    );
  }
  return { ok: true, at };
}

/** The last calendar date a stage or schedule may name: later is a typo, and PostgreSQL and JS dates part ways. */
export const LATEST_PLANNED_DATE = '2100-12-31';

/**
 * A calendar date a user types (a letter's or decree's date, a candidate's stage from a date): `YYYY-MM-DD`, a
 * day the calendar has, from 2000; with `notAfterToday`, not after today where Indonesia's day starts first
 * (WIT), so no office's "today" is refused. A regex alone let `2024-02-30` and `0000-01-01` reach PostgreSQL (a
 * 500) and `9999-12-31` reach the follow-up date (year 10000: a 500).
 */
export function calendarDateSchema(options: { notAfterToday?: boolean; now?: () => Date } = {}) {
  return z.iso.date({ message: 'tanggal harus berformat YYYY-MM-DD dan ada di kalender / not a calendar date' }).refine(
    (date) => {
      const latest = options.notAfterToday
        ? new Date((options.now?.() ?? new Date()).getTime() + ZONE_OFFSET_HOURS.WIT * 3_600_000)
            .toISOString()
            .slice(0, 10)
        : LATEST_PLANNED_DATE;
      return date >= EARLIEST_INSTANT.toISOString().slice(0, 10) && date <= latest;
    },
    {
      message: options.notAfterToday
        ? 'tanggal harus antara 2000-01-01 dan hari ini / must be between 2000 and today'
        : `tanggal harus antara 2000-01-01 dan ${LATEST_PLANNED_DATE} / out of range`,
    },
  );
}
