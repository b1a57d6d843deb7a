import type { Command } from '../command.ts';
import { classifyCommand } from './classify.ts';
import { evalCommand } from './eval.ts';
import { trainCommand } from './train.ts';
import { usersCreateCommand } from './users-create.ts';
import { usersListCommand } from './users-list.ts';

/** Every sub-command of `netra`. Each lives in its own file in this folder. */
export const commands: Command[] = [classifyCommand, evalCommand, trainCommand, usersCreateCommand, usersListCommand];
