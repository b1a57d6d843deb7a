import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system) of a process or thread from its `/proc/…/stat` file, in µs: `/proc/<pid>/stat` for a
 * process, `/proc/self/task/<tid>/stat` for one of this process's threads. Fields 14 and 15 of stat (utime,
 * stime) count clock ticks, 100 per second on Linux; the name in parentheses may hold spaces, so the fields are
 * read after its closing `) `. Throws when the file cannot be read (another machine, a process gone).
 *
 * @example
 * statCpuMicros(`/proc/${pid}/stat`) // → 1_230_000 for a backend that used 1.23 s of CPU
 */
export function statCpuMicros(statPath: string): number {
  const fields = readFileSync(statPath, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
