import type { Command } from '../command.ts';
import { classifyCommand } from './classify.ts';
import { collectCommand } from './collect.ts';
import { collectorsCheckCommand } from './collectors-check.ts';
import { dbMigrateCommand } from './db-migrate.ts';
import { demoCommand } from './demo.ts';
import { evalCommand } from './eval.ts';
import { evidenceVerifyCommand } from './evidence-verify.ts';
import { ocrCommand } from './ocr.ts';
import { ocrEvalCommand } from './ocr-eval.ts';
import { registryExportCommand } from './registry-export.ts';
import { registryImportCommand } from './registry-import.ts';
import { retentionRunCommand } from './retention-run.ts';
import { startCommand } from './start.ts';
import { tipAddCommand } from './tip-add.ts';
import { trainCommand } from './train.ts';
import { usersCreateCommand } from './users-create.ts';
import { usersListCommand } from './users-list.ts';
import { watchlistExportCommand } from './watchlist-export.ts';
import { watchlistImportCommand } from './watchlist-import.ts';

/** Every sub-command of `netra`. Each lives in its own file in this folder. */
export const commands: Command[] = [
  demoCommand,
  startCommand,

  classifyCommand,
  collectCommand,
  collectorsCheckCommand,
  evalCommand,
  evidenceVerifyCommand,
  tipAddCommand,
  ocrCommand,
  ocrEvalCommand,
  trainCommand,
  usersCreateCommand,
  usersListCommand,
  dbMigrateCommand,
  evidenceVerifyCommand,
  watchlistImportCommand,
  watchlistExportCommand,
  registryImportCommand,
  registryExportCommand,
  retentionRunCommand,
];
