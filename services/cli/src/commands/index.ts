import type { Command } from '../command.ts';
import { classifyCommand } from './classify.ts';
import { collectCommand } from './collect.ts';
import { demoCommand } from './demo.ts';
import { evalCommand } from './eval.ts';
import { ocrCommand } from './ocr.ts';
import { ocrEvalCommand } from './ocr-eval.ts';
import { registryExportCommand } from './registry-export.ts';
import { registryImportCommand } from './registry-import.ts';
import { startCommand } from './start.ts';
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
  evalCommand,
  ocrCommand,
  ocrEvalCommand,
  trainCommand,
  usersCreateCommand,
  usersListCommand,
  watchlistImportCommand,
  watchlistExportCommand,
  registryImportCommand,
  registryExportCommand,
];
