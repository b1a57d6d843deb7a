import type { CommandEntry } from '../command.ts';

/**
 * Every sub-command of `netra`, each in its own file in this folder, loaded only when it runs: importing all
 * of them (the server, Playwright, OCR, the spreadsheet reader) took ~1.9 s before `netra classify` read its
 * first line. `path` must equal the loaded command's own (checked by `index.test.ts`).
 */
export const commands: CommandEntry[] = [
  { path: ['demo'], load: async () => (await import('./demo.ts')).demoCommand },
  { path: ['start'], load: async () => (await import('./start.ts')).startCommand },
  { path: ['classify'], load: async () => (await import('./classify.ts')).classifyCommand },
  { path: ['collect'], load: async () => (await import('./collect.ts')).collectCommand },
  { path: ['collectors', 'check'], load: async () => (await import('./collectors-check.ts')).collectorsCheckCommand },
  { path: ['eval'], load: async () => (await import('./eval.ts')).evalCommand },
  { path: ['evidence', 'verify'], load: async () => (await import('./evidence-verify.ts')).evidenceVerifyCommand },
  { path: ['tip', 'add'], load: async () => (await import('./tip-add.ts')).tipAddCommand },
  { path: ['ocr'], load: async () => (await import('./ocr.ts')).ocrCommand },
  { path: ['ocr-eval'], load: async () => (await import('./ocr-eval.ts')).ocrEvalCommand },
  { path: ['train'], load: async () => (await import('./train.ts')).trainCommand },
  { path: ['users', 'create'], load: async () => (await import('./users-create.ts')).usersCreateCommand },
  { path: ['users', 'list'], load: async () => (await import('./users-list.ts')).usersListCommand },
  { path: ['db', 'migrate'], load: async () => (await import('./db-migrate.ts')).dbMigrateCommand },
  { path: ['watchlist', 'import'], load: async () => (await import('./watchlist-import.ts')).watchlistImportCommand },
  { path: ['watchlist', 'export'], load: async () => (await import('./watchlist-export.ts')).watchlistExportCommand },
  { path: ['registry', 'import'], load: async () => (await import('./registry-import.ts')).registryImportCommand },
  { path: ['registry', 'export'], load: async () => (await import('./registry-export.ts')).registryExportCommand },
  { path: ['retention', 'run'], load: async () => (await import('./retention-run.ts')).retentionRunCommand },
];
